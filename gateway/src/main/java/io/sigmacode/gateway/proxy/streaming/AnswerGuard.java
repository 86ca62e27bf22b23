package io.sigmacode.gateway.proxy.streaming;

import io.sigmacode.firewall.Canaries;
import io.sigmacode.firewall.ScanResult;
import io.sigmacode.firewall.StreamingRestorer;
import io.sigmacode.gateway.firewall.ProxyFirewall;
import io.sigmacode.gateway.firewall.ProxyFirewall.PolicyInForce;
import io.sigmacode.kernel.firewall.Finding;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The post-check of a streamed answer. Text is released to the client only once it has been scanned together with
 * the text before it, and the last {@link #HOLD_BACK} characters are kept back, so that a card number or key split
 * across chunks is still seen whole and can be redacted before any of it leaves. Scanning a bounded window per chunk
 * keeps the cost linear in the answer's length.
 */
public final class AnswerGuard {

    /** Longer than any personal datum or credential the scanners redact. */
    static final int HOLD_BACK = 96;
    /** Already released text scanned again as context, so a span that began there is still recognised. */
    static final int CONTEXT = 512;

    private final ProxyFirewall firewall;
    private final PolicyInForce policy;
    private final StreamingRestorer restorer;
    /** Its longest entry is at most 200 characters, well inside the context kept before each chunk. */
    private final Canaries canaries;
    private final StringBuilder released = new StringBuilder();
    private final StringBuilder pending = new StringBuilder();
    private final Map<String, Finding> findings = new LinkedHashMap<>();
    private Verdict verdict = Verdict.ALLOW;
    private String reason;
    private long scanNanos;
    /** Texts checked whole so far: their findings are told apart from the answer's, which share positions. */
    private int wholeTexts;

    public AnswerGuard(ProxyFirewall firewall, PolicyInForce policy, StreamingRestorer restorer, Canaries canaries) {
        this.firewall = firewall;
        this.policy = policy;
        this.restorer = restorer;
        this.canaries = canaries;
    }

    /** @return the text the client may see now, or null when the answer must be withheld from here on */
    String accept(String chunk) {
        String out = release(chunk, false);
        return out == null || restorer == null ? out : restorer.feed(out);
    }

    /** @return the rest of the answer, or null when it must be withheld */
    String finish() {
        String out = release("", true);
        return out == null || restorer == null ? out : restorer.feed(out) + restorer.finish();
    }

    /**
     * A whole text besides the streamed answer (one of a workflow's outputs), scanned once; its findings and verdict
     * count for the call like the answer's.
     *
     * @return the text as the client may see it, or null when the answer must be withheld from here on
     */
    public String checkWhole(String text) {
        if (verdict == Verdict.BLOCK) {
            return null;
        }
        ScanResult scan = firewall.scan(policy, Stage.POST, text);
        scanNanos += scan.scanNanos();
        for (Finding f : scan.findings()) {
            findings.putIfAbsent("whole:" + wholeTexts + ":" + f.rule() + ":" + f.start() + ":" + f.end(), f);
        }
        wholeTexts++;
        if (!scan.findings().isEmpty() && scan.verdict().compareTo(verdict) > 0) {
            verdict = scan.verdict();
        }
        if (scan.reason() != null) {
            reason = scan.reason();
        }
        if (verdict == Verdict.BLOCK) {
            return null;
        }
        return scan.verdict() == Verdict.REDACT && scan.redactedText() != null ? scan.redactedText() : text;
    }

    /**
     * Scans Dify's own text (with any placeholders of mask-and-restore still in it): the client's restored personal
     * data are theirs to see, and must not be redacted as if the model had leaked them.
     */
    private String release(String chunk, boolean all) {
        if (verdict == Verdict.BLOCK) {
            return null;
        }
        pending.append(chunk);
        int contextStart = Math.max(0, released.length() - CONTEXT);
        String context = released.substring(contextStart);
        String raw = pending.toString();
        ScanResult window = firewall.scan(policy, Stage.POST, context + raw, canaries);
        scanNanos += window.scanNanos();
        List<Finding> fresh = new ArrayList<>();
        for (Finding f : window.findings()) {
            if (f.end() > context.length()) {
                fresh.add(f);
                Finding whole = new Finding(f.category(), f.kind(), f.rule(), f.start() + contextStart,
                        f.end() + contextStart, f.score(), f.fingerprint());
                findings.putIfAbsent(whole.rule() + ":" + whole.start() + ":" + whole.end(), whole);
            }
        }
        if (!fresh.isEmpty() && window.verdict().compareTo(verdict) > 0) {
            verdict = window.verdict();
        }
        if (window.reason() != null) {
            reason = window.reason();
        }
        if (verdict == Verdict.BLOCK) {
            return null;
        }
        int cut = all ? raw.length() : safeCut(raw);
        for (Finding f : fresh) {
            int start = f.start() - context.length();
            if (start < cut && f.end() - context.length() > cut) {
                cut = Math.max(0, start);
            }
        }
        String out = raw.substring(0, cut);
        released.append(out);
        pending.delete(0, cut);
        return fresh.isEmpty() || out.isEmpty() ? out : redacted(out);
    }

    /** The released part is scanned once more on its own so that redaction never cuts into a span. */
    private String redacted(String text) {
        ScanResult own = firewall.scan(policy, Stage.POST, text, canaries);
        scanNanos += own.scanNanos();
        return own.verdict() == Verdict.REDACT && own.redactedText() != null ? own.redactedText() : text;
    }

    /** Releases up to the last whitespace before the hold-back, never inside a word that may still grow. */
    private static int safeCut(String text) {
        int limit = text.length() - HOLD_BACK;
        if (limit <= 0) {
            return 0;
        }
        for (int i = limit; i > 0; i--) {
            if (Character.isWhitespace(text.charAt(i - 1))) {
                return i;
            }
        }
        return 0;
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

    int releasedLength() {
        return released.length();
    }
}
