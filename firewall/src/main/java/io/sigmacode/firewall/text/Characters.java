package io.sigmacode.firewall.text;

/** Character classes and folds used by normalisation. */
final class Characters {

    private static final String HOMOGLYPHS_FROM =
            "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u04cf\u0501\u0261"
                    + "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7"
                    + "\u03b1\u03bf\u03c1\u03c5\u03b9\u03ba\u03bd"
                    + "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0423\u0425\u0406\u0408\u0405";
    private static final String HOMOGLYPHS_TO =
            "aeopcyxijsldg"
                    + "abezhikmnoptyx"
                    + "aopuikv"
                    + "abekmhopctyxijs";

    static final int MIN_LETTERS = 3;

    /**
     * Letter each ASCII leet character reads as, 0 for the rest; a table because normalisation asks for every
     * character.
     */
    private static final char[] LEET_LETTER = new char[128];

    static {
        String from = "01!|34@5$7+8";
        String to = "oiiieaassttb";
        for (int i = 0; i < from.length(); i++) {
            LEET_LETTER[from.charAt(i)] = to.charAt(i);
        }
    }

    static final int OTHER = 0;
    static final int SPACE = 1;
    static final int LETTER = 2;
    static final int LEET = 3;
    /** Lower-case fold and character kind of each ASCII character, read once per character by normalisation. */
    static final char[] ASCII_FOLD = new char[128];
    static final byte[] ASCII_KIND = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_FOLD[c] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
            boolean space = c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
            ASCII_KIND[c] = (byte) (space ? SPACE : isLetter(c) ? LETTER : LEET_LETTER[c] != 0 ? LEET : OTHER);
        }
    }

    private Characters() {
    }

    /** Kind of a folded character; leet symbols are all ASCII. */
    static int kind(char f) {
        if (f < 0x80) {
            return ASCII_KIND[f];
        }
        return Character.isWhitespace(f) || Character.isSpaceChar(f) ? SPACE : Character.isLetter(f) ? LETTER : OTHER;
    }

    static boolean isInvisible(char c) {
        if (c == '\u00ad' || c == '\u034f' || c == '\u061c' || c == '\u115f' || c == '\u1160' || c == '\u17b4'
                || c == '\u17b5' || c == '\u180e' || c == '\u3164' || c == '\uffa0') {
            return true;
        }
        if ((c >= '\u200b' && c <= '\u200f') || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2060' && c <= '\u206f')
                || c == '\ufeff' || (c >= '\ufe00' && c <= '\ufe0f')) {
            return true;
        }
        return Character.getType(c) == Character.FORMAT && !Character.isSurrogate(c);
    }

    static char fold(char c) {
        if (c < 0x80) {
            return (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
        }
        if (c >= '\uff01' && c <= '\uff5e') {
            return Character.toLowerCase((char) (c - 0xfee0));
        }
        int h = HOMOGLYPHS_FROM.indexOf(c);
        if (h >= 0) {
            return HOMOGLYPHS_TO.charAt(h);
        }
        if (c == '\u2018' || c == '\u2019' || c == '\u02bc') {
            return '\'';
        }
        if (c == '\u201c' || c == '\u201d') {
            return '"';
        }
        return Character.toLowerCase(c);
    }

    /**
     * Reads digits and symbols as letters inside words that already have at least three real letters, so that
     * "1gn0r3" becomes "ignore" while "4B", "15th" or "mp3" stay as they are.
     */
    static String unleet(String s) {
        char[] out = null;
        int n = s.length();
        int i = 0;
        while (i < n) {
            int start = i;
            int letters = 0;
            boolean leet = false;
            while (i < n) {
                char c = s.charAt(i);
                if (isLetter(c)) {
                    letters++;
                } else if (leetLetter(c) != 0) {
                    leet = true;
                } else {
                    break;
                }
                i++;
            }
            if (leet && letters >= MIN_LETTERS) {
                if (out == null) {
                    out = s.toCharArray();
                }
                for (int j = start; j < i; j++) {
                    char m = leetLetter(s.charAt(j));
                    if (m != 0) {
                        out[j] = m;
                    }
                }
            }
            i = Math.max(i, start + 1);
        }
        return out == null ? s : new String(out);
    }

    private static boolean isLetter(char c) {
        return c < 0x80 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') : Character.isLetter(c);
    }

    private static char leetLetter(char c) {
        return c < LEET_LETTER.length ? LEET_LETTER[c] : 0;
    }
}
