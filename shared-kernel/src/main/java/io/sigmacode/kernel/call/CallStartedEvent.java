package io.sigmacode.kernel.call;

/** {@code nodeId} is null for calls recorded before nodes were named. */
public record CallStartedEvent(String accountId, String callId, String tenantId, String apiKeyId, String appId,
                               String endpoint, boolean streaming, String idempotencyKey, String nodeId)
        implements CallEvent {
}
