package io.sigmacode.kernel.account;

import io.sigmacode.kernel.call.CallEvent;
import io.sigmacode.kernel.pricing.Charge;

/**
 * A debit re-priced after its price book version was found mistaken: the original debit stays as it was, and the
 * balance changes by {@code originalTokens - charge.tokens()} (positive when the mistake overcharged). {@code charge}
 * is the corrected price with every input, as on a debit. Part of the call's timeline.
 */
public record DebitCorrectedEvent(String accountId, String callId, int mistakenVersion, long originalTokens,
                                  Charge charge) implements CallEvent {

    /** What the correction adds to the balance. */
    public long balanceChange() {
        return originalTokens - charge.tokens();
    }
}
