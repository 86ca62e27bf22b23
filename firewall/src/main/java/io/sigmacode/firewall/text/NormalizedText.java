package io.sigmacode.firewall.text;

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

    private NormalizedText(String original, String folded, int[] toOriginal, boolean leetPossible) {
        this.original = original;
        this.folded = folded;
        this.toOriginal = toOriginal;
        if (!leetPossible) {
            leet = folded;
        }
    }

    public static NormalizedText of(String text) {
        int n = text.length();
        char[] src = text.toCharArray();
        char[] out = new char[n];
        int[] map = new int[n + 1];
        int len = 0;
        boolean lastSpace = true;
        int wordLetters = 0;
        boolean wordLeet = false;
        boolean leetPossible = false;
        for (int i = 0; i < n; i++) {
            char c = src[i];
            char f;
            int kind;
            if (c < 0x80) {
                f = Characters.ASCII_FOLD[c];
                kind = Characters.ASCII_KIND[c];
            } else {
                if (Characters.isInvisible(c)) {
                    continue;
                }
                f = Characters.fold(c);
                kind = Characters.kind(f);
            }
            if (kind == Characters.SPACE) {
                if (lastSpace) {
                    continue;
                }
                f = ' ';
                lastSpace = true;
            } else {
                lastSpace = false;
            }
            if (kind == Characters.LETTER) {
                wordLetters++;
            } else if (kind == Characters.LEET) {
                wordLeet = true;
            } else {
                leetPossible |= wordLeet && wordLetters >= Characters.MIN_LETTERS;
                wordLetters = 0;
                wordLeet = false;
            }
            out[len] = f;
            map[len] = i;
            len++;
        }
        leetPossible |= wordLeet && wordLetters >= Characters.MIN_LETTERS;
        map[len] = n;
        return new NormalizedText(text, new String(out, 0, len), map, leetPossible);
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

    /**
     * Folded text with digits and symbols read as the letters they imitate; only characters inside words change.
     * Normalisation notes whether any word mixes leet characters with enough letters; when none does, the reading is
     * the folded
     * text itself and costs no second pass.
     */
    public String leetFolded() {
        if (leet == null) {
            leet = Characters.unleet(folded);
        }
        return leet;
    }
}
