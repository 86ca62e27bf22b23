package io.sigmacode.kernel.call;

public record CallStartedEvent(String accountId, String callId, String tenantId, String apiKeyId, String appId,
                               String endpoint, boolean streaming, String idempotencyKey) implements CallEvent {
}
