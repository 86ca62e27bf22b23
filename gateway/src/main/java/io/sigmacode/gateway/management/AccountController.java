package io.sigmacode.gateway.management;

import io.sigmacode.gateway.billing.BalanceVisibility;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.account.BalanceResponse;
import io.sigmacode.kernel.account.CreditSource;
import io.sigmacode.kernel.account.CreditTokensCommand;
import io.sigmacode.kernel.account.FindBalanceQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.UUID;

import static io.sigmacode.gateway.management.ManagementAccess.notFound;

@RestController
@RequestMapping("/api/accounts/{accountId}")
class AccountController {

    private final ManagementAccess access;
    private final Bus bus;
    private final BalanceVisibility visibility;

    AccountController(ManagementAccess access, Bus bus, BalanceVisibility visibility) {
        this.access = access;
        this.bus = bus;
        this.visibility = visibility;
    }

    record Grant(@NotNull @Positive Long tokens, @NotBlank @Size(max = 500) String reason) {
    }

    /** {@code visible}: the next balance read shows the grant; otherwise wait for the account's {@code position}. */
    record Granted(String creditId, String accountId, long tokens, long position, boolean visible) {
    }

    /** Free tokens: only the platform admin may hand them out. */
    @PostMapping("/grants")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Granted> grant(@PathVariable String accountId, @Valid @RequestBody Grant body, ServerWebExchange exchange) {
        String creditId = "grant-" + UUID.randomUUID();
        return access.account(accountId, exchange)
                .then(Mono.defer(() -> bus.send(new CreditTokensCommand(accountId, creditId, body.tokens(),
                        CreditSource.GRANT, body.reason()))))
                .then(Mono.defer(() -> visibility.await(accountId)))
                .map(seen -> new Granted(creditId, accountId, body.tokens(), seen.position(), seen.visible()));
    }

    @GetMapping("/balance")
    Mono<BalanceResponse> balance(@PathVariable String accountId,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                  Instant asOf,
                                  ServerWebExchange exchange) {
        return access.account(accountId, exchange)
                .flatMap(tenant -> bus.query(new FindBalanceQuery(accountId, asOf), BalanceResponse.class))
                .switchIfEmpty(Mono.error(() -> notFound("account " + accountId)));
    }
}
