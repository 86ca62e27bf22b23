package io.sigmacode.kernel.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** Dify's app types, spelled as Dify spells them on the wire. */
public enum AppMode {
    CHAT("chat"), AGENT_CHAT("agent-chat"), ADVANCED_CHAT("advanced-chat"), COMPLETION("completion"), WORKFLOW("workflow");

    private final String wire;

    AppMode(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    @JsonCreator
    public static AppMode fromWire(String value) {
        return Arrays.stream(values()).filter(m -> m.wire.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("mode must be one of "
                        + Arrays.stream(values()).map(AppMode::wire).toList()));
    }
}
