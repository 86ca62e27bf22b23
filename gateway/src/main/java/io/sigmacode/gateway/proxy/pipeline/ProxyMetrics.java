package io.sigmacode.gateway.proxy.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** The gateway's own meters, next to Axon's: calls by outcome, tokens debited, Dify's latency. */
@Component
public class ProxyMetrics {

    private final MeterRegistry registry;
    private final Timer upstreamLatency;

    public ProxyMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.upstreamLatency = Timer.builder("sigmacode.upstream.latency")
                .description("Time from sending a call to Dify until its whole answer arrived")
                .publishPercentileHistogram()
                .register(registry);
    }

    public void outcome(String outcome) {
        registry.counter("sigmacode.calls", "outcome", outcome).increment();
    }

    public void debited(long tokens) {
        registry.counter("sigmacode.tokens.debited").increment(tokens);
    }

    public void upstreamLatency(long millis) {
        upstreamLatency.record(Duration.ofMillis(millis));
    }
}
