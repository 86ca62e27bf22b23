package io.sigmacode.gateway.proxy.streaming;

import io.sigmacode.firewall.Canaries;
import io.sigmacode.firewall.ScanResult;
import io.sigmacode.gateway.firewall.ProxyFirewall;
import io.sigmacode.gateway.firewall.ProxyFirewall.PolicyInForce;
import io.sigmacode.kernel.firewall.Finding;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The post-check of one call's answer, whatever it is made of: texts that stream in pieces (each through its own
 * {@link TextWindow}) and texts checked whole (a workflow's outputs, an agent's thought, a retrieved passage). The
 * verdict, findings and scan time of all of them count for the call together, and a block ends the answer for good.
 */
public final class AnswerGuard {

    private final ProxyFirewall firewall;
    private final PolicyInForce policy;
    private final Canaries canaries;
    private final Map<String, Finding> findings = new LinkedHashMap<>();
    private Verdict verdict = Verdict.ALLOW;
    private String reason;
    private long scanNanos;
    /** Texts checked whole so far: their findings are told apart from each other's, which share positions. */
    private int wholeTexts;

    public AnswerGuard(ProxyFirewall firewall, PolicyInForce policy, Canaries canaries) {
        this.firewall = firewall;
        this.policy = policy;
        this.canaries = canaries;
    }

    /**
     * A whole text, scanned once; its findings and verdict count for the call like the streamed answer's.
     *
     * @return the text as the client may see it, or null when the answer must be withheld from here on
     */
    public String checkWhole(String text) {
        if (blocked()) {
            return null;
        }
        ScanResult scan = scan(text);
        String key = "whole:" + wholeTexts++;
        note(scan, scan.findings(), key, 0);
        if (blocked()) {
            return null;
        }
        return scan.verdict() == Verdict.REDACT && scan.redactedText() != null ? scan.redactedText() : text;
    }

    /** A window over one text that streams in pieces, named so its findings are kept apart from the others'. */
    <T> TextWindow<T> window(String name) {
        return new TextWindow<>(this, name, Math.max(TextWindow.HOLD_BACK, canaries.longest()));
    }

    ScanResult scan(String text) {
        ScanResult scan = firewall.scan(policy, Stage.POST, text, canaries);
        scanNanos += scan.scanNanos();
        return scan;
    }

    /**
     * Counts what a scan found anew: {@code fresh} among its findings, at positions {@code offset} into the text
     * {@code source} names. A verdict only rises, and only on a finding (a scan's fail-closed verdict has none).
     */
    void note(ScanResult scan, List<Finding> fresh, String source, long offset) {
        for (Finding f : fresh) {
            Finding placed = new Finding(f.category(), f.kind(), f.rule(), (int) (f.start() + offset),
                    (int) (f.end() + offset), f.score(), f.fingerprint());
            findings.putIfAbsent(source + ":" + placed.rule() + ":" + placed.start() + ":" + placed.end(), placed);
        }
        boolean failedClosed = scan.reason() != null;
        if ((!fresh.isEmpty() || failedClosed) && scan.verdict().compareTo(verdict) > 0) {
            verdict = scan.verdict();
        }
        if (failedClosed) {
            reason = scan.reason();
        }
    }

    boolean blocked() {
        return verdict == Verdict.BLOCK;
    }

    public Verdict verdict() {
        return verdict;
    }

    public List<Finding> findings() {
        return List.copyOf(findings.values());
    }

    public String reason() {
        return reason;
    }

    public long scanMicros() {
        return scanNanos / 1_000;
    }
}
