package io.sigmacode.kernel.call;

/**
 * Who made a proxied call and what it asked for; fixed when the call starts. {@code nodeId} names the gateway
 * process that carries the call, so that recovery leaves it alone while that process is alive.
 */
public record CallDetails(String tenantId, String apiKeyId, String appId, String endpoint, boolean streaming,
                          String idempotencyKey, String nodeId) {
}
