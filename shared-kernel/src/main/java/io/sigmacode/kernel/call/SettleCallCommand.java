package io.sigmacode.kernel.call;

import io.sigmacode.kernel.pricing.Charge;
import io.sigmacode.kernel.firewall.FirewallCheck;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The second transaction of a call that reached Dify: post-check verdict, debit of the real cost, release of the
 * rest of the reservation, outcome. Idempotent per call id.
 */
public record SettleCallCommand(@TargetAggregateIdentifier String accountId, String callId, FirewallCheck postCheck,
                                Charge charge, UpstreamResult upstream, int clientStatus) {
}
