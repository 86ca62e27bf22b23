package io.sigmacode.kernel.tenant;

public record AppRegisteredEvent(String tenantId, String appId, String name, AppMode mode, String sealedDifyKey) {
}
