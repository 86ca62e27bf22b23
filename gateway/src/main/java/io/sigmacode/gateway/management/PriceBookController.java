package io.sigmacode.gateway.management;

import io.sigmacode.gateway.pricing.PriceBooks;
import io.sigmacode.gateway.pricing.PriceCorrections;
import io.sigmacode.gateway.pricing.PriceCorrections.Correction;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.pricing.PriceBookDocument;
import io.sigmacode.kernel.pricing.PublishPriceBookCommand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The platform's price book: version 1 until the platform admin publishes another. */
@RestController
@RequestMapping("/api/price-book")
class PriceBookController {

    private final ManagementAccess access;
    private final Bus bus;
    private final PriceBooks books;
    private final PriceCorrections corrections;

    PriceBookController(ManagementAccess access, Bus bus, PriceBooks books, PriceCorrections corrections) {
        this.access = access;
        this.bus = bus;
        this.books = books;
        this.corrections = corrections;
    }

    record CorrectionRequest(@NotNull @Positive Integer mistakenVersion, @NotNull @Positive Integer correctingVersion,
                             @NotBlank @Size(max = 500) String reason) {
    }

    /** Any valid key may read it: a tenant admin needs the package ids to buy tokens. */
    @GetMapping
    Mono<PriceBookDocument> current(ServerWebExchange exchange) {
        return access.caller(exchange).map(caller -> books.current().document());
    }

    /** The version number is assigned; the answer is the version now in force, as published. */
    @PutMapping
    Mono<PriceBookDocument> publish(@RequestBody PriceBookDocument document, ServerWebExchange exchange) {
        return access.platformAdmin(exchange)
                .then(Mono.defer(() -> bus.<Integer>send(new PublishPriceBookCommand(document))))
                .map(version -> books.version(version).orElseThrow());
    }

    /**
     * Declares a version no longer in force mistaken and re-prices its debits by another published version; the
     * original debits stay and each re-priced one gets a correction next to it. Repeating it is harmless.
     */
    @PostMapping("/corrections")
    Mono<Correction> correct(@Valid @RequestBody CorrectionRequest body, ServerWebExchange exchange) {
        return access.platformAdmin(exchange)
                .then(Mono.defer(() -> corrections.correct(body.mistakenVersion(), body.correctingVersion(),
                        body.reason())));
    }
}
