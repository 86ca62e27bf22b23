package io.sigmacode.gateway.management;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sigmacode.gateway.billing.LedgerExport;
import io.sigmacode.kernel.tenant.Role;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * An account's ledger, JSON ({@code {"accountId","entries":[...]}}) or CSV, streamed from the database as it is
 * written: a ledger of millions of rows costs the gateway one cursor and a few buffers, not the whole list.
 */
@RestController
class LedgerController {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final ManagementAccess access;
    private final LedgerExport ledger;
    private final ObjectMapper json;

    LedgerController(ManagementAccess access, LedgerExport ledger, ObjectMapper json) {
        this.access = access;
        this.ledger = ledger;
        this.json = json;
    }

    /** JSON by default; {@code Accept: text/csv} for finance's spreadsheets. Defaults to the last 30 days. */
    @GetMapping(value = "/api/accounts/{accountId}/ledger", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    Mono<ResponseEntity<Flux<DataBuffer>>> ledger(@PathVariable String accountId,
                                                  @RequestParam(required = false)
                                                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                                  @RequestParam(required = false)
                                                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                                  ServerWebExchange exchange) {
        Instant end = to != null ? to : Instant.now();
        Instant start = from != null ? from : end.minus(Duration.ofDays(30));
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("from must be before to");
        }
        boolean csv = exchange.getRequest().getHeaders().getAccept().stream()
                .anyMatch(type -> !type.isWildcardType() && CSV.isCompatibleWith(type));
        var buffers = exchange.getResponse().bufferFactory();
        return access.account(accountId, exchange, Role.TENANT_ADMIN, Role.FINANCE).map(tenant -> {
            var entries = ledger.entries(accountId, start, end);
            Flux<String> body = csv
                    ? Flux.concat(Mono.just(LedgerCsv.HEADER), entries.map(LedgerCsv::row))
                    : Flux.concat(Mono.just(opening(accountId)), StreamedBody.elements(entries, json),
                    Mono.just("]}"));
            return ResponseEntity.ok().contentType(csv ? CSV : MediaType.APPLICATION_JSON)
                    .body(StreamedBody.of(body, buffers));
        });
    }

    private String opening(String accountId) {
        String head = StreamedBody.write(json, Map.of("accountId", accountId));
        return head.substring(0, head.length() - 1) + ",\"entries\":[";
    }
}
