package io.sigmacode.kernel.call;

/** The call passed its pre-check and reservation and is being sent to Dify. */
public record CallForwardedEvent(String accountId, String callId, String endpoint) implements CallEvent {
}
