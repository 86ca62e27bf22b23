package io.sigmacode.kernel.call;

/** The account's answer to {@link StartCallCommand}. */
public record CallAdmission(Decision decision, long available) {

    public enum Decision {
        FORWARD, BLOCKED, INSUFFICIENT_TOKENS
    }
}
