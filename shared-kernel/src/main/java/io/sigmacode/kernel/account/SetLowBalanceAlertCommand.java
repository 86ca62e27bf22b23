package io.sigmacode.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Alerts when the available tokens fall below {@code threshold} (0 turns alerts off). {@code sealedSecret} is the
 * signing secret of the alert webhook, sealed by the gateway: no secret is stored in clear.
 */
public record SetLowBalanceAlertCommand(@TargetAggregateIdentifier String accountId, long threshold, String url,
                                        String sealedSecret) {
}
