package io.sigmacode.gateway.firewall;

import io.micrometer.core.instrument.MeterRegistry;
import io.sigmacode.firewall.Canaries;
import io.sigmacode.firewall.CompiledPolicy;
import io.sigmacode.firewall.FirewallEngine;
import io.sigmacode.firewall.InvalidPolicyException;
import io.sigmacode.firewall.ScanResult;
import io.sigmacode.gateway.support.AfterCommit;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.policy.FindFirewallPolicyQuery;
import io.sigmacode.kernel.policy.FirewallPolicyPublishedEvent;
import io.sigmacode.kernel.policy.FirewallPolicyResponse;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The firewall as the proxy sees it: the policy in force for a tenant, compiled once and kept in memory, and a
 * verdict per stage counted in the metrics. A publication on this node replaces the cached policy at once; other
 * nodes pick it up when their copy is older than {@link #FRESH_FOR}.
 */
@Component
@ProcessingGroup("firewall-policy-cache")
public class ProxyFirewall {

    /** A policy published on another node is enforced here within this; an unchanged one is not recompiled. */
    static final Duration FRESH_FOR = Duration.ofSeconds(1);
    /** Above this many characters a scan takes around a millisecond or more: too long for an event-loop thread. */
    static final int LARGE_TEXT = 16 * 1024;
    private static final int MAX_CANARY_LISTS = 10_000;

    private final FirewallEngine engine;
    private final PolicyInForce platformDefault;
    private final Bus bus;
    private final MeterRegistry meters;
    private final Map<String, PolicyInForce> cache = new ConcurrentHashMap<>();
    private final Map<List<String>, Canaries> preparedCanaries = new ConcurrentHashMap<>();

    public ProxyFirewall(FirewallEngine engine, Bus bus, MeterRegistry meters) {
        this.engine = engine;
        this.bus = bus;
        this.meters = meters;
        FirewallPolicyDocument defaults = FirewallPolicyDocument.platformDefault();
        this.platformDefault = compile(new FirewallPolicyDocument(0, defaults.actions(), defaults.customRules(),
                defaults.maskAndRestore(), defaults.limits()));
    }

    /** The platform default is version 0; a tenant's own versions start at 1. */
    public record PolicyInForce(CompiledPolicy compiled, int version, long loadedAtNanos) {
        public FirewallPolicyDocument document() {
            return compiled.document();
        }
    }

    public Mono<PolicyInForce> policy(String tenantId) {
        if (tenantId == null) {
            return Mono.just(platformDefault);
        }
        PolicyInForce cached = cache.get(tenantId);
        if (cached != null && System.nanoTime() - cached.loadedAtNanos() < FRESH_FOR.toNanos()) {
            return Mono.just(cached);
        }
        return bus.query(new FindFirewallPolicyQuery(tenantId), FirewallPolicyResponse.class)
                .map(found -> cached != null && cached.version() == found.document().version()
                        ? cached : compile(found.document()))
                .defaultIfEmpty(platformDefault)
                .doOnNext(policy -> cache.put(tenantId, fresh(policy)));
    }

    public ScanResult scan(PolicyInForce policy, Stage stage, String text) {
        return engine.scan(policy.compiled(), stage, text);
    }

    /** A post-check that also looks for the app's canaries: one of them in an answer is a leaked system prompt. */
    public ScanResult scan(PolicyInForce policy, Stage stage, String text, Canaries canaries) {
        return engine.scan(policy.compiled(), stage, text, canaries);
    }

    /**
     * The app's canaries, prepared once per distinct list (they are validated when registered, so a list that no
     * longer passes is treated as none rather than failing calls).
     */
    public Canaries canaries(List<String> strings) {
        if (strings.isEmpty()) {
            return Canaries.NONE;
        }
        if (preparedCanaries.size() >= MAX_CANARY_LISTS) {
            preparedCanaries.clear();
        }
        return preparedCanaries.computeIfAbsent(strings, list -> {
            try {
                return Canaries.of(list);
            } catch (InvalidPolicyException e) {
                return Canaries.NONE;
            }
        });
    }

    public FirewallCheck record(PolicyInForce policy, Stage stage, ScanResult result) {
        meters.counter("sigmacode.firewall.verdicts", "stage", stage.name(), "verdict", result.verdict().name())
                .increment();
        return new FirewallCheck(stage, result.verdict(), result.findings(), policy.version(),
                result.scanNanos() / 1_000, result.reason());
    }

    /** Where to scan a text of this size: in place when small, on the CPU-bound parallel scheduler when large. */
    public static Scheduler schedulerFor(int chars) {
        return chars < LARGE_TEXT ? Schedulers.immediate() : Schedulers.parallel();
    }

    public FirewallEngine engine() {
        return engine;
    }

    /**
     * Runs in the publishing command's transaction (a subscribing handler), so the cache changes only once that
     * transaction has committed: a policy that never reached the event store is never enforced.
     */
    @EventHandler
    void on(FirewallPolicyPublishedEvent event) {
        PolicyInForce published = compile(event.document());
        AfterCommit.run(() -> cache.put(event.tenantId(), published));
    }

    private PolicyInForce compile(FirewallPolicyDocument document) {
        return new PolicyInForce(engine.compile(document), document.version(), System.nanoTime());
    }

    private static PolicyInForce fresh(PolicyInForce policy) {
        return new PolicyInForce(policy.compiled(), policy.version(), System.nanoTime());
    }
}
