package io.sigmacode.firewall.learned;

/**
 * Feature extraction shared by training and inference: hashed character 4-grams and word 1- and 2-grams of the folded
 * text (lower case, homoglyphs folded, whitespace collapsed). Hashing keeps the model a flat weight array with no
 * vocabulary to ship; character grams carry cues across inflections and languages ("ignorier", "ignore", "ignora").
 */
final class HashedNgrams {

    static final int BITS = 18;
    static final int SIZE = 1 << BITS;
    private static final int MASK = SIZE - 1;
    private static final int CHAR_GRAM = 4;
    private static final int WORD_SALT = 0x5bd1e995;
    private static final int BIGRAM_SALT = 0x27d4eb2f;

    /** Receives each feature index once per occurrence. */
    interface Sink {
        void accept(int index);
    }

    private HashedNgrams() {
    }

    /** Emits every feature of {@code folded} and returns how many it emitted. */
    static int extract(String folded, Sink sink) {
        int n = folded.length();
        int count = 0;
        for (int i = 0; i + CHAR_GRAM <= n; i++) {
            int h = folded.charAt(i);
            for (int k = 1; k < CHAR_GRAM; k++) {
                h = h * 31 + folded.charAt(i + k);
            }
            sink.accept(mix(h) & MASK);
            count++;
        }
        int word = 0;
        int previous = 0;
        boolean inWord = false;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? folded.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                word = inWord ? word * 31 + c : c;
                inWord = true;
                continue;
            }
            if (inWord) {
                sink.accept(mix(word ^ WORD_SALT) & MASK);
                if (previous != 0) {
                    sink.accept(mix(previous * BIGRAM_SALT + word) & MASK);
                    count++;
                }
                previous = word == 0 ? 1 : word;
                count++;
                inWord = false;
            }
        }
        return count;
    }

    /** Murmur3's finaliser: spreads the polynomial hash so that the low bits used as the index are well mixed. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
