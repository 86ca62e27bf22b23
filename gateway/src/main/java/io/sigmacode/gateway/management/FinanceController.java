package io.sigmacode.gateway.management;

import io.sigmacode.gateway.pricing.PriceBooks;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.finance.FindReconciliationQuery;
import io.sigmacode.kernel.finance.ReconciledPayment;
import io.sigmacode.kernel.finance.ReconciliationMismatch;
import io.sigmacode.kernel.finance.ReconciliationResponse;
import io.sigmacode.kernel.pricing.TokenPackage;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Finance's reconciliation of Stripe payments with credits, refunds with revocations, disputes and usage. */
@RestController
class FinanceController {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");
    private static final Duration LONGEST = Duration.ofDays(366);

    private final ManagementAccess access;
    private final Bus bus;
    private final PriceBooks books;

    FinanceController(ManagementAccess access, Bus bus, PriceBooks books) {
        this.access = access;
        this.bus = bus;
        this.books = books;
    }

    /**
     * The platform admin sees every tenant; a {@code finance} key its own tenant. Defaults to the last 30 days, at
     * most 366; {@code Accept: text/csv} for CSV.
     */
    @GetMapping(value = "/api/finance/reconciliation", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    Mono<ResponseEntity<Object>> reconciliation(@RequestParam(required = false)
                                                @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                                @RequestParam(required = false)
                                                @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                                ServerWebExchange exchange) {
        Instant end = to != null ? to : Instant.now();
        Instant start = from != null ? from : end.minus(Duration.ofDays(30));
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("from must be before to, at most 366 days apart");
        }
        boolean csv = exchange.getRequest().getHeaders().getAccept().stream()
                .anyMatch(type -> !type.isWildcardType() && CSV.isCompatibleWith(type));
        return access.admitted(exchange)
                .map(caller -> new FindReconciliationQuery(start, end,
                        caller.isPlatformAdmin() ? null : caller.tenantId()))
                .flatMap(query -> bus.query(query, ReconciliationResponse.class))
                .map(this::withPriceChecks)
                .map(report -> csv
                        ? ResponseEntity.ok().contentType(CSV).body((Object) ReconciliationCsv.render(report))
                        : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body((Object) report));
    }

    /** The price lives in the price book version the session was sold under, which only the gateway holds. */
    private ReconciliationResponse withPriceChecks(ReconciliationResponse report) {
        List<ReconciliationMismatch> mismatches = new ArrayList<>();
        for (ReconciledPayment payment : report.payments()) {
            TokenPackage sold = books.version(payment.priceBookVersion())
                    .map(book -> book.tokenPackage(payment.packageId())).orElse(null);
            if (sold == null || sold.priceMinor() != payment.amountMinor()
                    || !sold.currency().equalsIgnoreCase(String.valueOf(payment.currency()))) {
                mismatches.add(new ReconciliationMismatch("amount_differs_from_price", payment.paymentId(),
                        payment.accountId(), "paid " + payment.amountMinor() + " " + payment.currency() + " for "
                        + payment.packageId() + (sold == null ? ", not in price book version "
                        + payment.priceBookVersion() : ", priced " + sold.priceMinor() + " " + sold.currency()
                        + " in version " + payment.priceBookVersion())));
            }
        }
        mismatches.addAll(report.mismatches());
        return new ReconciliationResponse(report.from(), report.to(), report.payments(), report.revenue(),
                report.usage(), mismatches);
    }
}
