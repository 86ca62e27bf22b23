package io.sigmacode.kernel.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

public enum Role {
    PLATFORM_ADMIN("platform-admin"), TENANT_ADMIN("tenant-admin"), FINANCE("finance"), AUDITOR("auditor"),
    DEVELOPER("developer");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    @JsonCreator
    public static Role fromWire(String value) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("role must be one of "
                        + Arrays.stream(values()).map(Role::wire).toList()));
    }
}
