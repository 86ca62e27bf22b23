package io.sigmacode.kernel.firewall;

/**
 * Bounds on a single scan. Past either bound the scan stops and {@code failClosedAction} is the verdict, because an
 * unscanned prompt must not pass silently.
 */
public record ScanLimits(int maxChars, long timeBudgetMillis, Verdict failClosedAction) {

    public static ScanLimits defaults() {
        return new ScanLimits(200_000, 250, Verdict.BLOCK);
    }
}
