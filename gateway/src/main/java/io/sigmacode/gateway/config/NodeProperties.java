package io.sigmacode.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param leaseDuration how long a node's lease lasts without renewal: after a crash, its calls in flight are taken
 *                      as lost (and settled by recovery) and its Idempotency-Keys freed this long after its last
 *                      renewal
 * @param renewEvery    how often a node renews its lease; well below {@code leaseDuration}, so that one slow renewal
 *                      does not make a living node look dead
 * @param claimTimeout  how long a node's claim on a projection segment lasts without extension: after a crash, the
 *                      survivors take its projections over this long (plus up to {@code claimEvery}) after it died
 * @param claimEvery    how often a node extends its claims and looks for unclaimed segments; well below
 *                      {@code claimTimeout}, so that a busy node does not lose its segments to another
 */
@ConfigurationProperties("sigmacode.node")
public record NodeProperties(@DefaultValue("15s") Duration leaseDuration,
                             @DefaultValue("3s") Duration renewEvery,
                             @DefaultValue("1500ms") Duration claimTimeout,
                             @DefaultValue("300ms") Duration claimEvery) {

    public NodeProperties {
        if (renewEvery.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("sigmacode.node.renew-every must be shorter than lease-duration");
        }
        if (claimEvery.multipliedBy(3).compareTo(claimTimeout) > 0) {
            throw new IllegalArgumentException("sigmacode.node.claim-every must be at most a third of claim-timeout");
        }
    }
}
