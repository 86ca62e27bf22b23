package io.sigmacode.firewall.text;

import java.util.List;

/**
 * One scan's text and the derived views that several scanners need, each computed at most once, plus the deadline
 * that every scanner checks between rules.
 */
public final class ScanInput {

    private final String text;
    private final long deadlineNanos;
    private NormalizedText normalized;
    private List<EncodedPayloads.Payload> payloads;

    public ScanInput(String text, long deadlineNanos) {
        this.text = text;
        this.deadlineNanos = deadlineNanos;
    }

    public String text() {
        return text;
    }

    public NormalizedText normalized() {
        if (normalized == null) {
            normalized = NormalizedText.of(text);
        }
        return normalized;
    }

    public List<EncodedPayloads.Payload> payloads() {
        if (payloads == null) {
            payloads = EncodedPayloads.find(text);
        }
        return payloads;
    }

    /** Throws once the scan's time budget is spent; scanners call it between rules, never inside a match. */
    public void checkDeadline() {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new TimeBudgetExceededException();
        }
    }
}
