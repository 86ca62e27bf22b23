package io.sigmacode.kernel.account;

import io.sigmacode.kernel.call.CallEvent;

/** A call could not reserve its tokens: a refusal worth auditing, so it is an event, not an exception. */
public record ReservationRejectedEvent(String accountId, String callId, long requested, long available) implements CallEvent {
}
