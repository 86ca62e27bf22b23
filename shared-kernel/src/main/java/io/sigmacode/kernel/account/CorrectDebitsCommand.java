package io.sigmacode.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Re-prices the account's debits of a mistaken price book version by the version that corrects it; each debit whose
 * price changes is corrected by one {@link DebitCorrectedEvent}. Answers the number of debits corrected.
 */
public record CorrectDebitsCommand(@TargetAggregateIdentifier String accountId, int mistakenVersion,
                                   int correctingVersion, List<DebitToCorrect> debits) {
    public CorrectDebitsCommand {
        debits = debits == null ? List.of() : List.copyOf(debits);
    }
}
