package io.sigmacode.kernel.call;

/**
 * The account's answer to {@link StartCallCommand}: {@code available} tokens after the decision, {@code needed} the
 * reservation the call asked for.
 */
public record CallAdmission(Decision decision, long available, long needed) {

    public enum Decision {
        FORWARD, BLOCKED, INSUFFICIENT_TOKENS
    }
}
