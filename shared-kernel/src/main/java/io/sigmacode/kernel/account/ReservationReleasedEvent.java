package io.sigmacode.kernel.account;

public record ReservationReleasedEvent(String accountId, String callId, long tokens) {
}
