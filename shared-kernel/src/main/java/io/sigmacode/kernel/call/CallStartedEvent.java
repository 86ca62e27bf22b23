package io.sigmacode.kernel.call;

/**
 * {@code nodeId} is null for calls recorded before nodes were named. {@code priceBookVersion} is the version in force
 * when the call started, which prices its settlement on whichever node settles it; null for calls recorded before
 * the version was kept here (those are settled by the version in force).
 */
public record CallStartedEvent(String accountId, String callId, String tenantId, String apiKeyId, String appId,
                               String endpoint, boolean streaming, String idempotencyKey, String nodeId,
                               Integer priceBookVersion)
        implements CallEvent {
}
