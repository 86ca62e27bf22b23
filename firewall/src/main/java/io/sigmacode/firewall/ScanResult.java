package io.sigmacode.firewall;

import io.sigmacode.kernel.firewall.Finding;
import io.sigmacode.kernel.firewall.Verdict;

import java.util.List;

/**
 * Outcome of one scan. {@code redactedText} is non-null only when the verdict is REDACT; {@code reason} is null for a
 * completed scan, or {@code size_limit}, {@code time_budget} or {@code scanner_error} when the fail-closed action was
 * applied instead.
 */
public record ScanResult(Verdict verdict, List<Finding> findings, String redactedText, long scanNanos, String reason) {

    public static final String SIZE_LIMIT = "size_limit";
    public static final String TIME_BUDGET = "time_budget";
    public static final String SCANNER_ERROR = "scanner_error";
}
