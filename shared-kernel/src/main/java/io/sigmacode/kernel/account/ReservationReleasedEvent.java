package io.sigmacode.kernel.account;

import io.sigmacode.kernel.call.CallEvent;

public record ReservationReleasedEvent(String accountId, String callId, long tokens) implements CallEvent {
}
