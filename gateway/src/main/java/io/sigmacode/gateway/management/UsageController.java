package io.sigmacode.gateway.management;

import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.call.FindUsageQuery;
import io.sigmacode.kernel.call.UsageGrouping;
import io.sigmacode.kernel.call.UsageResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

@RestController
class UsageController {

    /** The longest range one request may ask for; usage is grouped on the fly. */
    private static final int MAX_DAYS = 366;

    private final ManagementAccess access;
    private final Bus bus;

    UsageController(ManagementAccess access, Bus bus) {
        this.access = access;
        this.bus = bus;
    }

    /** {@code from} and {@code to} are UTC days, both included; they default to the last 30 days. */
    @GetMapping("/api/usage")
    Mono<UsageResponse> usage(@RequestParam String tenantId,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                              LocalDate from,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                              LocalDate to,
                              @RequestParam(defaultValue = "day") String groupBy,
                              ServerWebExchange exchange) {
        LocalDate end = to != null ? to : LocalDate.now(ZoneOffset.UTC);
        LocalDate start = from != null ? from : end.minusDays(29);
        if (start.isAfter(end) || start.plusDays(MAX_DAYS).isBefore(end)) {
            throw new IllegalArgumentException("from must not be after to, and the range at most " + MAX_DAYS
                    + " days");
        }
        List<UsageGrouping> groups = Arrays.stream(groupBy.split(","))
                .map(String::strip).filter(s -> !s.isEmpty())
                .map(UsageController::grouping).toList();
        return access.tenant(tenantId, exchange)
                .flatMap(tenant -> bus.query(new FindUsageQuery(tenantId, start, end, groups), UsageResponse.class));
    }

    private static UsageGrouping grouping(String name) {
        try {
            return UsageGrouping.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("groupBy takes day, endpoint and app, not " + name);
        }
    }
}
