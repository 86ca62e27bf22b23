package io.sigmacode.kernel.account;

import io.sigmacode.kernel.call.CallEvent;
import io.sigmacode.kernel.pricing.Charge;

/**
 * The real cost of a call. {@code fromReservation} is the part covered by the call's reservation; it is smaller
 * than {@code tokens} only when the actual usage exceeded what was reserved.
 */
public record TokensDebitedEvent(String accountId, String callId, long tokens, long fromReservation, Charge charge) implements CallEvent {
}
