package io.sigmacode.gateway.node;

import io.sigmacode.gateway.config.NodeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * This process's lease in {@code gateway_node}. A call in flight is owned by the node carrying it; other nodes (and
 * this one after a restart, under a new id) treat the call as lost only once its owner's lease has expired. Times
 * are PostgreSQL's {@code now()}, so nodes whose clocks disagree still agree on who is alive.
 */
@Component
public class NodeLease implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeLease.class);
    /** Leases expired this long ago are deleted: no call or key can still point to such a node usefully. */
    private static final String FORGET_AFTER = "7 days";

    private final String nodeId = "node-" + UUID.randomUUID();
    private final JdbcTemplate jdbc;
    private final NodeProperties properties;
    private volatile Disposable renewals;

    NodeLease(JdbcTemplate jdbc, NodeProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    public String nodeId() {
        return nodeId;
    }

    /** The nodes whose lease is current, this one included. */
    public Set<String> liveNodes() {
        List<String> ids = jdbc.queryForList("SELECT node_id FROM gateway_node WHERE expires_at > now()",
                String.class);
        return new HashSet<>(ids);
    }

    void renew() {
        jdbc.update("""
                INSERT INTO gateway_node (node_id, started_at, renewed_at, expires_at)
                VALUES (?, now(), now(), now() + make_interval(secs => ?))
                ON CONFLICT (node_id) DO UPDATE SET renewed_at = now(), expires_at = EXCLUDED.expires_at""",
                nodeId, properties.leaseDuration().toMillis() / 1000.0);
    }

    @Override
    public void start() {
        renew();
        jdbc.update("DELETE FROM gateway_node WHERE expires_at < now() - CAST(? AS interval)", FORGET_AFTER);
        renewals = Flux.interval(properties.renewEvery(), properties.renewEvery())
                .onBackpressureDrop()
                .concatMap(tick -> Mono.fromRunnable(this::renew)
                        .subscribeOn(Schedulers.boundedElastic())
                        .onErrorResume(e -> {
                            log.warn("could not renew the lease of node {}; trying again in {}", nodeId,
                                    properties.renewEvery(), e);
                            return Mono.empty();
                        }))
                .subscribe();
        log.info("gateway node {} holds a lease of {}", nodeId, properties.leaseDuration());
    }

    /** A node stopped on purpose gives up its lease at once, so its unfinished calls are recovered without delay. */
    @Override
    public void stop() {
        if (renewals != null) {
            renewals.dispose();
        }
        try {
            jdbc.update("UPDATE gateway_node SET expires_at = now() WHERE node_id = ?", nodeId);
        } catch (RuntimeException e) {
            log.warn("could not give up the lease of node {}; it expires by itself", nodeId, e);
        }
    }

    @Override
    public boolean isRunning() {
        return renewals != null && !renewals.isDisposed();
    }

    /**
     * Starts before the web server takes calls and stops after the graceful shutdown has drained them (the web
     * server's lifecycles run at {@code DEFAULT_PHASE - 1024} and {@code - 2048}).
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
