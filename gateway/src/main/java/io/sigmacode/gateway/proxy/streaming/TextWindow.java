package io.sigmacode.gateway.proxy.streaming;

import io.sigmacode.firewall.ScanResult;
import io.sigmacode.kernel.firewall.Finding;
import io.sigmacode.kernel.firewall.Verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The post-check of one text that streams in pieces (an answer's deltas, each in its own frame). A piece is released
 * whole, never re-cut, once at least {@link #HOLD_BACK} characters of text have arrived after it and the text around
 * it has been scanned: a card number or key split across pieces is then seen whole before any of it leaves. Pieces
 * are released in batches of at least {@link #HOLD_BACK} characters, and each scan covers only the held pieces and
 * {@link #CONTEXT} characters released before them, so the cost is linear in the text's length whatever its script
 * (no word boundaries are needed). Not thread-safe: one per text of one stream.
 *
 * @param <T> what a piece belongs to (the caller's frame)
 */
final class TextWindow<T> {

    /** Longer than any personal datum or credential the scanners redact. */
    static final int HOLD_BACK = 96;
    /** Already released text scanned again as context, so a span that began there is still recognised. */
    static final int CONTEXT = 512;

    private final AnswerGuard guard;
    private final String name;
    /** {@link #HOLD_BACK}, or the longest canary of the app when that is longer. */
    private final int holdBack;
    private final List<Piece<T>> held = new ArrayList<>();
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder context = new StringBuilder();
    private long releasedChars;

    TextWindow(AnswerGuard guard, String name, int holdBack) {
        this.guard = guard;
        this.name = name;
        this.holdBack = holdBack;
    }

    /** Nothing of the text is held: an empty piece may then pass without waiting. */
    boolean idle() {
        return held.isEmpty();
    }

    /** A piece of the text, in order; it stays held until {@link #release} lets it go. */
    void offer(T owner, String text) {
        held.add(new Piece<>(owner, text, pending.length()));
        pending.append(text);
    }

    /**
     * The pieces that may leave now, in order, each with the text the client may see: its own, or a redacted one.
     * Where a redaction spans pieces, the first of them carries the redacted text of all and the others are emptied.
     *
     * @param end the text is complete (the stream or this part of it ended): everything held is released
     * @return the released pieces, or null when the answer must be withheld from here on
     */
    List<Released<T>> release(boolean end) {
        if (guard.blocked()) {
            return null;
        }
        int ready = end ? pending.length() : readyUpTo();
        boolean firstRelease = releasedChars == 0;
        if (held.isEmpty() || (!end && (ready == 0 || (ready < holdBack && !firstRelease)))) {
            return List.of();
        }
        String raw = pending.toString();
        ScanResult scan = guard.scan(context + raw);
        int shift = context.length();
        List<Finding> fresh = new ArrayList<>();
        for (Finding f : scan.findings()) {
            if (f.end() > shift) {
                fresh.add(f);
            }
        }
        guard.note(scan, fresh, name, releasedChars - shift);
        if (guard.blocked()) {
            return null;
        }
        int cut = end ? raw.length() : clearOfSpans(ready, fresh, shift);
        int count = 0;
        while (count < held.size() && held.get(count).end() <= cut) {
            count++;
        }
        List<Released<T>> out = redacted(held.subList(0, count),
                scan.verdict() == Verdict.REDACT ? fresh : List.of(), shift);
        advance(raw, count == 0 ? 0 : held.get(count - 1).end(), count);
        return out;
    }

    /** The end of the last piece followed by at least the hold-back's characters. */
    private int readyUpTo() {
        int limit = pending.length() - holdBack;
        int ready = 0;
        for (Piece<T> piece : held) {
            if (piece.end() > limit) {
                break;
            }
            ready = piece.end();
        }
        return ready;
    }

    /**
     * Moves a cut that falls inside a span found back to the start of the piece where the span begins. A span that
     * began in text already released (only one longer than the hold-back can) is not waited for: its held part is
     * masked as it leaves.
     */
    private int clearOfSpans(int ready, List<Finding> fresh, int shift) {
        int cut = ready;
        boolean moved = true;
        while (moved && cut > 0) {
            moved = false;
            for (Finding f : fresh) {
                int start = f.start() - shift;
                if (start >= 0 && start < cut && f.end() - shift > cut) {
                    cut = pieceStartAt(start);
                    moved = true;
                }
            }
        }
        return cut;
    }

    private int pieceStartAt(int position) {
        int start = 0;
        for (Piece<T> piece : held) {
            if (piece.start() > position) {
                break;
            }
            start = piece.start();
        }
        return start;
    }

    /**
     * The released pieces. A run of pieces that spans to be redacted touch is scanned again on its own and redacted
     * as one text, which the run's first piece carries (the others are emptied); if that scan no longer sees the span
     * (it needed the text around it), the span's characters are masked with its kind.
     */
    private List<Released<T>> redacted(List<Piece<T>> pieces, List<Finding> spans, int shift) {
        List<Released<T>> out = new ArrayList<>(pieces.size());
        int i = 0;
        while (i < pieces.size()) {
            int last = lastTouched(pieces, i, spans, shift);
            if (last < 0) {
                out.add(new Released<>(pieces.get(i).owner(), pieces.get(i).text()));
                i++;
                continue;
            }
            StringBuilder run = new StringBuilder();
            for (int k = i; k <= last; k++) {
                run.append(pieces.get(k).text());
            }
            ScanResult own = guard.scan(run.toString());
            if (own.verdict() == Verdict.FLAG) {
                for (int k = i; k <= last; k++) {
                    out.add(new Released<>(pieces.get(k).owner(), pieces.get(k).text()));
                }
            } else {
                String text = own.verdict() == Verdict.REDACT && own.redactedText() != null ? own.redactedText()
                        : masked(run.toString(), spans, pieces.get(i).start() + shift);
                out.add(new Released<>(pieces.get(i).owner(), text));
                for (int k = i + 1; k <= last; k++) {
                    out.add(new Released<>(pieces.get(k).owner(), ""));
                }
            }
            i = last + 1;
        }
        return out;
    }

    /** -1 when no span touches piece {@code i}; else the last piece of the run that spans from there touch. */
    private static <T> int lastTouched(List<Piece<T>> pieces, int i, List<Finding> spans, int shift) {
        int last = -1;
        int runEnd = Integer.MIN_VALUE;
        for (int k = i; k < pieces.size() && (k == i || pieces.get(k).start() < runEnd); k++) {
            Piece<T> piece = pieces.get(k);
            for (Finding f : spans) {
                int start = f.start() - shift;
                int end = f.end() - shift;
                if (start < piece.end() && end > piece.start()) {
                    last = k;
                    runEnd = Math.max(runEnd, end);
                }
            }
            if (last < 0) {
                return -1;
            }
        }
        return last;
    }

    /** The run with every character of a span replaced by its kind, once per span. */
    private static String masked(String run, List<Finding> spans, int runStart) {
        StringBuilder out = new StringBuilder(run.length());
        int pos = 0;
        for (Finding f : spans.stream().sorted(Comparator.comparingInt(Finding::start)).toList()) {
            int start = Math.max(pos, f.start() - runStart);
            int end = Math.min(run.length(), f.end() - runStart);
            if (end <= start) {
                continue;
            }
            out.append(run, pos, start).append('[').append(f.kind().toUpperCase(Locale.ROOT)).append(']');
            pos = end;
        }
        return out.append(run, pos, run.length()).toString();
    }

    private void advance(String raw, int cut, int count) {
        context.append(raw, 0, cut);
        if (context.length() > CONTEXT) {
            context.delete(0, context.length() - CONTEXT);
        }
        pending.delete(0, cut);
        held.subList(0, count).clear();
        for (int k = 0; k < held.size(); k++) {
            Piece<T> piece = held.get(k);
            held.set(k, new Piece<>(piece.owner(), piece.text(), piece.start() - cut));
        }
        releasedChars += cut;
    }

    /** Characters of the text released so far. */
    long releasedChars() {
        return releasedChars;
    }

    private record Piece<T>(T owner, String text, int start) {
        int end() {
            return start + text.length();
        }
    }

    /** A released piece with the text the client may see. */
    record Released<T>(T owner, String text) {
    }
}
