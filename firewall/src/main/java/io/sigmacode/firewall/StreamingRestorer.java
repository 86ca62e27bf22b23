package io.sigmacode.firewall;

import java.util.Map;

/**
 * Puts original values back in place of placeholders in an answer that arrives in arbitrary chunks. A tail that
 * could still be the beginning of a placeholder is held back until the next chunk decides it, so a placeholder split
 * across chunks is restored, and text that only looks like the start of one is released unchanged. Not thread-safe:
 * one instance per stream.
 */
public final class StreamingRestorer {

    private final Map<String, String> originals;
    private final int maxPlaceholder;
    private final StringBuilder pending = new StringBuilder();

    StreamingRestorer(Map<String, String> originals) {
        this.originals = originals;
        int max = 0;
        for (String k : originals.keySet()) {
            max = Math.max(max, k.length());
        }
        this.maxPlaceholder = max;
    }

    public String feed(String chunk) {
        if (chunk == null || chunk.isEmpty()) {
            return "";
        }
        pending.append(chunk);
        return drain(false);
    }

    /** Releases whatever is still held back; call once when the stream ends. */
    public String finish() {
        return drain(true);
    }

    private String drain(boolean end) {
        StringBuilder out = new StringBuilder(pending.length());
        int i = 0;
        int n = pending.length();
        while (i < n) {
            char c = pending.charAt(i);
            if (c != '[' || maxPlaceholder == 0) {
                out.append(c);
                i++;
                continue;
            }
            int close = closingBracket(i, n);
            if (close > 0) {
                String token = pending.substring(i, close + 1);
                String original = originals.get(token);
                out.append(original != null ? original : token);
                i = close + 1;
            } else if (!end && couldStillBePlaceholder(i, n)) {
                break;
            } else {
                out.append(c);
                i++;
            }
        }
        pending.delete(0, i);
        return out.toString();
    }

    private int closingBracket(int open, int n) {
        int limit = Math.min(n, open + maxPlaceholder);
        for (int j = open + 1; j < limit; j++) {
            char c = pending.charAt(j);
            if (c == ']') {
                return j;
            }
            if (!isPlaceholderChar(c)) {
                return -1;
            }
        }
        return -1;
    }

    private boolean couldStillBePlaceholder(int open, int n) {
        if (n - open >= maxPlaceholder) {
            return false;
        }
        for (int j = open + 1; j < n; j++) {
            if (!isPlaceholderChar(pending.charAt(j))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlaceholderChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
