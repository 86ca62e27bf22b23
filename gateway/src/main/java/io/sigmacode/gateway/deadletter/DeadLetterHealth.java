package io.sigmacode.gateway.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Dead letters make the gateway {@code DEGRADED}, not down: calls are still served and billed correctly (money is
 * decided on the command side), but some view is behind until an operator retries or skips. The gauge
 * {@code sigmacode_dead_letters} counts them per processing group.
 */
@Component("deadLettersHealthIndicator")
class DeadLetterHealth extends AbstractHealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "events wait in a dead-letter queue");

    private final DeadLetters deadLetters;

    DeadLetterHealth(DeadLetters deadLetters, MeterRegistry meters) {
        this.deadLetters = deadLetters;
        deadLetters.groups().forEach(group -> Gauge.builder("sigmacode.dead.letters",
                        () -> deadLetters.count(group))
                .description("Events a projection could not store, waiting to be retried or skipped")
                .tag("processing_group", group)
                .register(meters));
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Long> counts = deadLetters.counts();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        builder.status(total == 0 ? Status.UP : DEGRADED).withDetails(Map.copyOf(counts));
    }
}
