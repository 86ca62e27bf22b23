package io.sigmacode.kernel.account;

import java.time.Instant;
import java.util.List;

/**
 * A period of an account: {@code openingBalance + credits − debits − revocations + corrections = closingBalance}.
 * Credits are split by source ({@code grant}, {@code stripe}); corrections are always 0 until adjustments exist.
 */
public record StatementResponse(String accountId, Instant from, Instant to, long openingBalance,
                                long grantCredits, long stripeCredits, long credits, long debits,
                                List<EndpointDebits> debitsByEndpoint, long revocations, long corrections,
                                long closingBalance) {
    public StatementResponse {
        debitsByEndpoint = List.copyOf(debitsByEndpoint);
    }
}
