package io.sigmacode.kernel.tenant;

public record ApiKeyRevokedEvent(String tenantId, String keyId) {
}
