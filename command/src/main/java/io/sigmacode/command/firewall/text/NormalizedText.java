package io.sigmacode.command.firewall.text;

/**
 * The scanned text folded for matching, built once per scan and shared by every scanner that matches words.
 * Invisible characters are dropped, full-width forms and common Cyrillic/Greek homoglyphs fold to ASCII, case folds
 * to lower, and whitespace runs collapse to one space. {@link #originalIndex(int)} maps a folded position back to the
 * text the caller sent, so findings always point into the caller's text.
 */
public final class NormalizedText {

    private final String original;
    private final String folded;
    private final int[] toOriginal;
    private String leet;

    private NormalizedText(String original, String folded, int[] toOriginal) {
        this.original = original;
        this.folded = folded;
        this.toOriginal = toOriginal;
    }

    public static NormalizedText of(String text) {
        int n = text.length();
        char[] out = new char[n];
        int[] map = new int[n + 1];
        int len = 0;
        boolean lastSpace = true;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            char f;
            boolean space;
            if (c < 0x80) {
                f = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
                space = c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
            } else {
                if (Characters.isInvisible(c)) {
                    continue;
                }
                f = Characters.fold(c);
                space = Character.isWhitespace(f) || Character.isSpaceChar(f);
            }
            if (space) {
                if (lastSpace) {
                    continue;
                }
                f = ' ';
                lastSpace = true;
            } else {
                lastSpace = false;
            }
            out[len] = f;
            map[len] = i;
            len++;
        }
        map[len] = n;
        return new NormalizedText(text, new String(out, 0, len), map);
    }

    public String original() {
        return original;
    }

    public String folded() {
        return folded;
    }

    public int originalIndex(int foldedIndex) {
        if (foldedIndex >= folded.length()) {
            return original.length();
        }
        return toOriginal[foldedIndex];
    }

    /** Folded text with digits and symbols read as the letters they imitate; only characters inside words change. */
    public String leetFolded() {
        if (leet == null) {
            leet = Characters.unleet(folded);
        }
        return leet;
    }
}
