package io.sigmacode.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param reservationLlmTokens LLM tokens a call is assumed to use when its tokens are reserved, before Dify says
 *                             what it really used; the reservation is the price of this many plus the flat fee
 * @param snapshotThreshold    events after which an account aggregate is snapshotted
 * @param commandTimeout       how long the proxy waits for the event store before answering 503
 * @param recoverAfter         the youngest a call without outcome can be for recovery to settle it, and then only
 *                             if no living node carries it (see {@code sigmacode.node}); calls recorded before nodes
 *                             were named are taken as lost at this age
 * @param recoveryInterval     how often to look for open calls whose node is gone
 */
@ConfigurationProperties("sigmacode.billing")
public record BillingProperties(@DefaultValue("4000") long reservationLlmTokens,
                                @DefaultValue("250") int snapshotThreshold,
                                @DefaultValue("10s") Duration commandTimeout,
                                @DefaultValue("30s") Duration recoverAfter,
                                @DefaultValue("30s") Duration recoveryInterval) {
}
