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
 */
@ConfigurationProperties("sigmacode.node")
public record NodeProperties(@DefaultValue("15s") Duration leaseDuration,
                             @DefaultValue("3s") Duration renewEvery) {

    public NodeProperties {
        if (renewEvery.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("sigmacode.node.renew-every must be shorter than lease-duration");
        }
    }
}
