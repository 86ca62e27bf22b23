package io.sigmacode.kernel.call;

/** The call ended without a billable answer; {@code code} is the error code the client got. */
public record CallFailedEvent(String accountId, String callId, int clientStatus, String code, String message,
                              UpstreamResult upstream) implements CallEvent {
}
