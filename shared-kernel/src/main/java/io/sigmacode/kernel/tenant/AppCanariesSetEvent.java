package io.sigmacode.kernel.tenant;

import java.util.List;

public record AppCanariesSetEvent(String tenantId, String appId, List<String> canaries) {

    public AppCanariesSetEvent {
        canaries = canaries == null ? List.of() : List.copyOf(canaries);
    }
}
