package io.sigmacode.firewall.text;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text regions where a pattern can possibly match. Scanners collect them with a cheap pass (anchor literals, digit
 * clusters) and run their regular expressions only there, with transparent bounds so that look-behinds still see the
 * surrounding text. This keeps a scan of harmless prose close to one pass over the characters instead of one pass per
 * pattern. Windows may be added in any order; they are sorted and merged on first read.
 */
public final class Windows {

    private long[] packed = new long[8];
    private int size;
    private int[] merged;
    private int mergedCount;
    private final int limit;

    public Windows(int textLength) {
        this.limit = textLength;
    }

    /** Adds [start, end), clipped to the text. */
    public void add(int start, int end) {
        int s = Math.max(0, start);
        int e = Math.min(limit, end);
        if (s >= e) {
            return;
        }
        if (size == packed.length) {
            packed = Arrays.copyOf(packed, size * 2);
        }
        packed[size++] = ((long) s << 32) | e;
        merged = null;
    }

    /** Adds a window around every occurrence of {@code anchor} in {@code haystack}. */
    public void aroundAll(String haystack, String anchor, int before, int after) {
        int at = haystack.indexOf(anchor);
        while (at >= 0) {
            add(at - before, at + anchor.length() + after);
            at = haystack.indexOf(anchor, at + anchor.length());
        }
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int count() {
        merge();
        return mergedCount;
    }

    public int start(int i) {
        merge();
        return merged[2 * i];
    }

    public int end(int i) {
        merge();
        return merged[2 * i + 1];
    }

    /** Points the matcher at window {@code i}; look-arounds may see outside it, matches may not extend beyond it. */
    public Matcher select(Matcher m, int i) {
        return m.region(start(i), end(i)).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /** Calls {@code sink} for every match of {@code p} inside the windows, in text order. */
    /**
     * As {@link #forEachMatch(Pattern, String, Consumer)}, with the scan's time budget checked at every match: a text
     * made of thousands of candidates (a long list of phone numbers) must not run past the budget inside one rule.
     */
    public void forEachMatch(Pattern p, String text, ScanInput budget, Consumer<Matcher> sink) {
        forEachMatch(p, text, m -> {
            budget.checkDeadline();
            sink.accept(m);
        });
    }

    public void forEachMatch(Pattern p, String text, Consumer<Matcher> sink) {
        if (isEmpty()) {
            return;
        }
        Matcher m = p.matcher(text);
        for (int i = 0; i < count(); i++) {
            select(m, i);
            while (m.find()) {
                sink.accept(m);
            }
        }
    }

    private void merge() {
        if (merged != null) {
            return;
        }
        Arrays.sort(packed, 0, size);
        merged = new int[size * 2];
        mergedCount = 0;
        for (int i = 0; i < size; i++) {
            int s = (int) (packed[i] >>> 32);
            int e = (int) packed[i];
            if (mergedCount > 0 && s <= merged[2 * mergedCount - 1]) {
                merged[2 * mergedCount - 1] = Math.max(merged[2 * mergedCount - 1], e);
            } else {
                merged[2 * mergedCount] = s;
                merged[2 * mergedCount + 1] = e;
                mergedCount++;
            }
        }
    }
}
