package io.sigmacode.standin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Configures a {@link DifyStandIn}; every option has a default that works for a quick test. */
public final class DifyStandInBuilder {

    static final String DEFAULT_ANSWER = "Hello! I am the Dify stand-in, answering on behalf of a real model.";

    private final Map<String, AppMode> appKeys = new LinkedHashMap<>();
    private String host = "127.0.0.1";
    private int port;
    private Duration latency = Duration.ZERO;
    private Duration chunkInterval = Duration.ofMillis(5);
    private String answer = DEFAULT_ANSWER;
    private Usage usage = Usage.of(1033, 128);
    private boolean journalEntries = true;

    DifyStandInBuilder() {
    }

    /** Loopback by default; pass 0.0.0.0 only when something outside this host (a container) must reach it. */
    public DifyStandInBuilder host(String host) {
        this.host = Objects.requireNonNull(host);
        return this;
    }

    /** 0 (the default) binds an ephemeral port; read it with {@link DifyStandIn#port()} after start. */
    public DifyStandInBuilder port(int port) {
        this.port = port;
        return this;
    }

    /** Time before a generation response starts: the whole blocking body, or the first stream event. */
    public DifyStandInBuilder latency(Duration latency) {
        this.latency = requireNonNegative(latency);
        return this;
    }

    /** Gap between stream frames; zero lets frames coalesce into one network write. */
    public DifyStandInBuilder chunkInterval(Duration chunkInterval) {
        this.chunkInterval = requireNonNegative(chunkInterval);
        return this;
    }

    public DifyStandInBuilder answer(String answer) {
        this.answer = Objects.requireNonNull(answer);
        return this;
    }

    public DifyStandInBuilder usage(Usage usage) {
        this.usage = Objects.requireNonNull(usage);
        return this;
    }

    public DifyStandInBuilder usage(int promptTokens, int completionTokens) {
        return usage(Usage.of(promptTokens, completionTokens));
    }

    /** Adds an accepted key. Without any call, {@link DifyStandIn#DEFAULT_APP_KEYS} (one key per mode) apply. */
    public DifyStandInBuilder appKey(String key, AppMode mode) {
        appKeys.put(Objects.requireNonNull(key), Objects.requireNonNull(mode));
        return this;
    }

    /** Benchmarks turn this off so a long run keeps only the request count, not every body. */
    public DifyStandInBuilder journalEntries(boolean keep) {
        this.journalEntries = keep;
        return this;
    }

    /** Creates the stand-in without binding; call {@link DifyStandIn#start()}. */
    public DifyStandIn build() {
        Map<String, AppMode> keys = appKeys.isEmpty() ? DifyStandIn.DEFAULT_APP_KEYS : appKeys;
        return new DifyStandIn(host, port,
                new StandInState(keys, journalEntries, latency, chunkInterval, answer, usage));
    }

    static Duration requireNonNegative(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        return duration;
    }
}
