package io.sigmacode.gateway.proxy.pipeline;

import io.sigmacode.gateway.config.BillingProperties;
import io.sigmacode.gateway.config.DifyProperties;
import io.sigmacode.gateway.node.NodeLease;
import io.sigmacode.gateway.support.Uninterrupted;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Claims an Idempotency-Key for one call and keeps that call's outcome for {@link #RETENTION}. A claim without
 * outcome belongs to the node carrying its call: it can be taken over only once that node's lease has expired (the
 * node died), never because the call runs long. Claims made before nodes were named fall back to an age.
 */
@Component
public class IdempotencyStore {

    static final Duration RETENTION = Duration.ofHours(24);

    private final JdbcTemplate jdbc;
    private final Duration ownerlessAfter;
    private final Duration timeout;
    private final NodeLease lease;

    IdempotencyStore(JdbcTemplate jdbc, BillingProperties billing, DifyProperties dify, NodeLease lease) {
        this.jdbc = jdbc;
        this.ownerlessAfter = dify.noCallRunsLongerThan();
        this.timeout = billing.commandTimeout();
        this.lease = lease;
    }

    /** What an earlier call with the same key left behind; {@code status} is null while it is still running. */
    record Recorded(String callId, String requestHash, Integer status, String contentType, byte[] body) {
    }

    /** Empty when this call now owns the key; otherwise what the key's owner recorded. */
    Mono<Optional<Recorded>> claim(String tenantId, String key, String callId, String requestHash) {
        return Uninterrupted.call(Schedulers.boundedElastic(), () -> {
            Instant now = Instant.now();
            int taken = jdbc.update("""
                    INSERT INTO idempotency_record (tenant_id, idempotency_key, call_id, request_hash, claimed_at,
                                                    node_id)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (tenant_id, idempotency_key) DO UPDATE
                    SET call_id = EXCLUDED.call_id, request_hash = EXCLUDED.request_hash,
                        claimed_at = EXCLUDED.claimed_at,
                        node_id = EXCLUDED.node_id, status = NULL, content_type = NULL, body = NULL
                    WHERE idempotency_record.claimed_at < ?
                       OR (idempotency_record.status IS NULL AND idempotency_record.node_id IS NULL
                           AND idempotency_record.claimed_at < ?)
                       OR (idempotency_record.status IS NULL AND idempotency_record.node_id IS NOT NULL
                           AND NOT EXISTS (SELECT 1 FROM gateway_node n WHERE n.node_id = idempotency_record.node_id
                                           AND n.expires_at > now()))""",
                    tenantId, key, callId, requestHash, Timestamp.from(now), lease.nodeId(),
                    Timestamp.from(now.minus(RETENTION)), Timestamp.from(now.minus(ownerlessAfter)));
            if (taken == 1) {
                return Optional.<Recorded>empty();
            }
            List<Recorded> found = jdbc.query("""
                            SELECT call_id, request_hash, status, content_type, body FROM idempotency_record
                            WHERE tenant_id = ? AND idempotency_key = ?""",
                    (rs, n) -> new Recorded(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
                            rs.getString(4), rs.getBytes(5)), tenantId, key);
            return found.stream().findFirst();
        }).timeout(timeout);
    }

    public Mono<Void> complete(String tenantId, String key, String callId, int status, String contentType,
                               byte[] body) {
        return Uninterrupted.call(Schedulers.boundedElastic(), () -> jdbc.update("""
                        UPDATE idempotency_record SET status = ?, content_type = ?, body = ?
                        WHERE tenant_id = ? AND idempotency_key = ? AND call_id = ?""",
                        status, contentType, body, tenantId, key, callId))
                .timeout(timeout).then();
    }

    /** A call refused before it reached Dify cost nothing, so a retry must run again rather than replay. */
    public Mono<Void> release(String tenantId, String key, String callId) {
        return Uninterrupted.call(Schedulers.boundedElastic(), () -> jdbc.update("""
                        DELETE FROM idempotency_record WHERE tenant_id = ? AND idempotency_key = ? AND call_id = ?
                        AND status IS NULL""", tenantId, key, callId))
                .timeout(timeout).then();
    }

    public int deleteExpired() {
        return jdbc.update("DELETE FROM idempotency_record WHERE claimed_at < ?",
                Timestamp.from(Instant.now().minus(RETENTION)));
    }
}
