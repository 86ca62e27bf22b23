package io.sigmacode.command.firewall;

import io.sigmacode.kernel.firewall.Finding;
import io.sigmacode.kernel.firewall.Verdict;

import java.util.List;

public record ScanResult(Verdict verdict, List<Finding> findings, String redactedText, long scanNanos, String reason) {
}
