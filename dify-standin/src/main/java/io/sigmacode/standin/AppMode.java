package io.sigmacode.standin;

import java.util.Arrays;

/** Dify app types, spelled as Dify reports them in {@code mode}. */
public enum AppMode {
    CHAT("chat"),
    AGENT_CHAT("agent-chat"),
    ADVANCED_CHAT("advanced-chat"),
    COMPLETION("completion"),
    WORKFLOW("workflow");

    private final String wireName;

    AppMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Dify serves {@code /chat-messages} to all three chat-like modes, so routing checks need this grouping. */
    public boolean isChatFamily() {
        return this == CHAT || this == AGENT_CHAT || this == ADVANCED_CHAT;
    }

    public static AppMode fromWireName(String name) {
        return Arrays.stream(values())
                .filter(mode -> mode.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown Dify app mode: " + name));
    }
}
