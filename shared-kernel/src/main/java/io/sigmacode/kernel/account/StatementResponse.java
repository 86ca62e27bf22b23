package io.sigmacode.kernel.account;

import java.time.Instant;
import java.util.List;

/**
 * A period of an account: {@code openingBalance + credits − debits − revocations + corrections = closingBalance}.
 * Credits are split by source ({@code grant}, {@code stripe}). Debits are the original debits as charged; the
 * corrections of mistaken price book versions come apart from them, signed (positive gives tokens back), with the
 * original and corrected amounts per version in {@code correctionsByVersion}.
 */
public record StatementResponse(String accountId, Instant from, Instant to, long openingBalance,
                                long grantCredits, long stripeCredits, long credits, long debits,
                                List<EndpointDebits> debitsByEndpoint, long revocations, long corrections,
                                List<StatementCorrection> correctionsByVersion, long closingBalance) {
    public StatementResponse {
        debitsByEndpoint = List.copyOf(debitsByEndpoint);
        correctionsByVersion = List.copyOf(correctionsByVersion);
    }
}
