package io.sigmacode.kernel.call;

/**
 * The call passed its pre-check and reservation and is being sent to Dify by gateway node {@code nodeId} (null for
 * calls recorded before nodes were named).
 */
public record CallForwardedEvent(String accountId, String callId, String endpoint, String nodeId) implements CallEvent {
}
