package io.sigmacode.gateway.management;

import io.sigmacode.gateway.pricing.PriceBooks;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.pricing.PriceBookDocument;
import io.sigmacode.kernel.pricing.PublishPriceBookCommand;
import org.springframework.web.bind.annotation.GetMapping;
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

    PriceBookController(ManagementAccess access, Bus bus, PriceBooks books) {
        this.access = access;
        this.bus = bus;
        this.books = books;
    }

    /** Any valid key may read it: a tenant admin needs the package ids to buy tokens. */
    @GetMapping
    Mono<PriceBookDocument> current(ServerWebExchange exchange) {
        return access.admitted(exchange).map(caller -> books.current().document());
    }

    /** The version number is assigned; the answer is the version now in force, as published. */
    @PutMapping
    Mono<PriceBookDocument> publish(@RequestBody PriceBookDocument document, ServerWebExchange exchange) {
        return access.admitted(exchange)
                .then(Mono.defer(() -> bus.<Integer>send(new PublishPriceBookCommand(document))))
                .map(version -> books.version(version).orElseThrow());
    }
}
