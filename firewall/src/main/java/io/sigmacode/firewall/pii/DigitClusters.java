package io.sigmacode.firewall.pii;

import io.sigmacode.firewall.text.Windows;

/**
 * Clusters of digits no more than eight characters apart. Every identifier, card, IBAN, phone number and IPv4
 * address lies in one, so patterns run only around clusters that hold at least as many digits as the pattern needs.
 */
final class DigitClusters {

    private static final int MAX_DIGIT_GAP = 8;
    private static final int MAX_THRESHOLD = 16;

    private final String text;
    private final int margin;
    private final int[] starts;
    private final int[] ends;
    private final int[] counts;
    private final int size;
    private final Windows[] cache = new Windows[MAX_THRESHOLD + 1];

    DigitClusters(String text, int margin) {
        this.text = text;
        this.margin = margin;
        int cap = 8;
        int[] s = new int[cap];
        int[] e = new int[cap];
        int[] c = new int[cap];
        int n = 0;
        int len = text.length();
        int i = 0;
        while (true) {
            while (i < len && !isDigit(text.charAt(i))) {
                i++;
            }
            if (i == len) {
                break;
            }
            int first = i;
            int last = i;
            int count = 1;
            for (i++; i < len && i - last <= MAX_DIGIT_GAP; i++) {
                if (isDigit(text.charAt(i))) {
                    last = i;
                    count++;
                }
            }
            if (n == cap) {
                cap *= 2;
                s = java.util.Arrays.copyOf(s, cap);
                e = java.util.Arrays.copyOf(e, cap);
                c = java.util.Arrays.copyOf(c, cap);
            }
            s[n] = first;
            e[n] = last + 1;
            c[n] = count;
            n++;
        }
        this.starts = s;
        this.ends = e;
        this.counts = c;
        this.size = n;
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Windows around clusters with at least {@code minDigits} digits, with the standard margin; cached per threshold.
     */
    Windows windows(int minDigits) {
        int t = Math.min(minDigits, MAX_THRESHOLD);
        if (cache[t] == null) {
            cache[t] = windows(t, margin, margin);
        }
        return cache[t];
    }

    /** Windows around clusters with at least {@code minDigits} digits and the given margins. */
    Windows windows(int minDigits, int before, int after) {
        Windows w = new Windows(text.length());
        for (int i = 0; i < size; i++) {
            if (counts[i] >= minDigits) {
                w.add(starts[i] - before, ends[i] + after);
            }
        }
        return w;
    }
}
