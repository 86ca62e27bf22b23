package io.sigmacode.kernel.tenant;

public record AppResponse(String appId, String tenantId, String name, AppMode mode) {
}
