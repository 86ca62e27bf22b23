package io.sigmacode.kernel.tenant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Issues a successor of {@code keyId} with the same name, app and roles, and lets the old key work until
 * {@code oldKeyValidUntil} (the grace period the caller chose), so clients can switch without an outage.
 *
 * @param expiresAt  when the new key stops working; null: never
 * @param rotatedAt  the caller's clock when it asked
 */
public record RotateApiKeyCommand(@TargetAggregateIdentifier String tenantId, String keyId, String newKeyId,
                                  String keyHash, String keyPrefix, Instant expiresAt, Instant oldKeyValidUntil,
                                  Instant rotatedAt) {
}
