package io.sigmacode.gateway.management;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sigmacode.gateway.billing.ReconciliationExport;
import io.sigmacode.kernel.tenant.Role;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;

/**
 * Finance's reconciliation of Stripe payments with credits, refunds with revocations, disputes and usage, streamed
 * from the database as it is written ({@link ReconciliationExport}).
 */
@RestController
class FinanceController {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");
    private static final Duration LONGEST = Duration.ofDays(366);

    private final ManagementAccess access;
    private final ReconciliationExport export;
    private final ObjectMapper json;

    FinanceController(ManagementAccess access, ReconciliationExport export, ObjectMapper json) {
        this.access = access;
        this.export = export;
        this.json = json;
    }

    /**
     * The platform admin sees every tenant; a {@code finance} key its own tenant. Defaults to the last 30 days, at
     * most 366; {@code Accept: text/csv} for CSV. JSON: {@code {"from","to","payments","revenue","usage",
     * "mismatches"}}.
     */
    @GetMapping(value = "/api/finance/reconciliation", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    Mono<ResponseEntity<Flux<DataBuffer>>> reconciliation(@RequestParam(required = false)
                                                          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                                          Instant from,
                                                          @RequestParam(required = false)
                                                          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                                          Instant to,
                                                          ServerWebExchange exchange) {
        Instant end = to != null ? to : Instant.now();
        Instant start = from != null ? from : end.minus(Duration.ofDays(30));
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("from must be before to, at most 366 days apart");
        }
        boolean csv = exchange.getRequest().getHeaders().getAccept().stream()
                .anyMatch(type -> !type.isWildcardType() && CSV.isCompatibleWith(type));
        var buffers = exchange.getResponse().bufferFactory();
        return access.caller(exchange)
                .flatMap(caller -> {
                    if (caller.isPlatformAdmin()) {
                        return Mono.just(export.report(start, end, null));
                    }
                    if (caller.roles().contains(Role.FINANCE)) {
                        return Mono.just(export.report(start, end, caller.tenantId()));
                    }
                    return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN,
                            "Only finance keys and the platform admin may reconcile."));
                })
                .map(report -> ResponseEntity.ok().contentType(csv ? CSV : MediaType.APPLICATION_JSON)
                        .body(StreamedBody.of(csv ? csv(report) : json(report, start, end), buffers)));
    }

    private static Flux<String> csv(ReconciliationExport.Report report) {
        return Flux.concat(Mono.just(ReconciliationCsv.HEADER), report.payments().map(ReconciliationCsv::payment),
                report.mismatches().map(ReconciliationCsv::mismatch));
    }

    /** Each part in turn: revenue and the payments' mismatches are complete once the payments have passed. */
    private Flux<String> json(ReconciliationExport.Report report, Instant from, Instant to) {
        var head = new LinkedHashMap<String, Object>();
        head.put("from", from);
        head.put("to", to);
        String opening = StreamedBody.write(json, head);
        return Flux.concat(Mono.just(opening.substring(0, opening.length() - 1) + ",\"payments\":["),
                StreamedBody.elements(report.payments(), json), Mono.just("],\"revenue\":["),
                StreamedBody.elements(report.revenue(), json), Mono.just("],\"usage\":["),
                StreamedBody.elements(report.usage(), json), Mono.just("],\"mismatches\":["),
                StreamedBody.elements(report.mismatches(), json), Mono.just("]}"));
    }
}
