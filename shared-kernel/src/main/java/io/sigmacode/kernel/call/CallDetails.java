package io.sigmacode.kernel.call;

/** Who made a proxied call and what it asked for; fixed when the call starts. */
public record CallDetails(String tenantId, String apiKeyId, String appId, String endpoint, boolean streaming,
                          String idempotencyKey) {
}
