package io.sigmacode.gateway.management;

import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.account.FindStatementQuery;
import io.sigmacode.kernel.account.StatementResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;

import static io.sigmacode.gateway.management.ManagementAccess.notFound;

/** An account's statement for a period, as finance sends it to the customer. */
@RestController
class StatementController {

    private static final Duration LONGEST = Duration.ofDays(366);

    private final ManagementAccess access;
    private final Bus bus;

    StatementController(ManagementAccess access, Bus bus) {
        this.access = access;
        this.bus = bus;
    }

    /** Defaults to the last 30 days, at most 366. */
    @GetMapping("/api/accounts/{accountId}/statement")
    Mono<StatementResponse> statement(@PathVariable String accountId,
                                      @RequestParam(required = false)
                                      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                      @RequestParam(required = false)
                                      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                      ServerWebExchange exchange) {
        Instant end = to != null ? to : Instant.now();
        Instant start = from != null ? from : end.minus(Duration.ofDays(30));
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("from must be before to, at most 366 days apart");
        }
        return access.account(accountId, exchange)
                .flatMap(tenant -> bus.query(new FindStatementQuery(accountId, start, end), StatementResponse.class))
                .switchIfEmpty(Mono.error(() -> notFound("account " + accountId)));
    }
}
