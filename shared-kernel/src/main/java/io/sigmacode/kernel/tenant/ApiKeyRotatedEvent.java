package io.sigmacode.kernel.tenant;

import java.time.Instant;

/** The old key {@code keyId} works until {@code validUntil}; its successor was issued in the same transaction. */
public record ApiKeyRotatedEvent(String tenantId, String keyId, String newKeyId, Instant validUntil) {
}
