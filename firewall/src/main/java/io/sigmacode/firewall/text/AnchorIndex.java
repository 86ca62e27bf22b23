package io.sigmacode.firewall.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds every occurrence of many short literals in one pass. Literals of three or more characters are bucketed by a
 * hash of their first three characters, two-character literals by their pair, single characters by themselves. In
 * prose about a quarter of all positions start some catalogue literal's first two characters, but only one in twenty
 * starts its first three, so the three-character key keeps the candidate comparisons rare.
 */
public final class AnchorIndex {

    /** Receives each occurrence: the literal's index in the constructor's list and its start position. */
    @FunctionalInterface
    public interface Sink {
        void found(int anchor, int position);
    }

    private static final int TRIPLE_BUCKETS = 1 << 15;
    private static final int PAIR_BUCKETS = 4096;
    private static final int SINGLE_BUCKETS = 256;

    private final Table triples = new Table(TRIPLE_BUCKETS);
    private final Table pairs = new Table(PAIR_BUCKETS);
    private final Table singles = new Table(SINGLE_BUCKETS);

    public AnchorIndex(List<String> anchors) {
        for (int i = 0; i < anchors.size(); i++) {
            String a = anchors.get(i);
            if (a.isEmpty()) {
                throw new IllegalArgumentException("empty anchor");
            }
            if (a.length() >= 3) {
                triples.put(triple(a.charAt(0), a.charAt(1), a.charAt(2)), a, i);
            } else if (a.length() == 2) {
                pairs.put(pair(a.charAt(0), a.charAt(1)), a, i);
            } else {
                singles.put(single(a.charAt(0)), a, i);
            }
        }
        triples.seal();
        pairs.seal();
        singles.seal();
    }

    /** Multiplicative hashing spreads the combined characters over the table's 15 bits. */
    private static int triple(char a, char b, char c) {
        int h = (a * 961 + b * 31 + c) * 0x9E3779B1;
        return h >>> 17;
    }

    private static int pair(char a, char b) {
        return (a * 31 + b) & (PAIR_BUCKETS - 1);
    }

    private static int single(char c) {
        return c & (SINGLE_BUCKETS - 1);
    }

    /** Reports every occurrence that starts in [from, to). */
    public void scan(String text, int from, int to, Sink sink) {
        int n = text.length();
        int end = Math.min(to, n);
        int i = Math.max(0, from);
        if (i >= end) {
            return;
        }
        boolean shortLiterals = pairs.any || singles.any;
        char c0 = text.charAt(i);
        char c1 = i + 1 < n ? text.charAt(i + 1) : 0;
        for (; i < end; i++) {
            char c2 = i + 2 < n ? text.charAt(i + 2) : 0;
            if (c2 != 0) {
                triples.report(triple(c0, c1, c2), text, i, sink);
            }
            if (shortLiterals) {
                if (c1 != 0 && pairs.mayStart(c0)) {
                    pairs.report(pair(c0, c1), text, i, sink);
                }
                if (singles.mayStart(c0)) {
                    singles.report(single(c0), text, i, sink);
                }
            }
            c0 = c1;
            c1 = c2;
        }
    }

    /**
     * Reports occurrences of literals of three or more characters that start a word (the text start or after a
     * character that is not a letter or digit). Word-level cues need no more, and testing only word starts skips
     * about five positions in six of prose.
     */
    public void scanWordStarts(String text, Sink sink) {
        int n = text.length();
        for (int i = 0; i + 2 < n; i++) {
            if (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
                continue;
            }
            triples.report(triple(text.charAt(i), text.charAt(i + 1), text.charAt(i + 2)), text, i, sink);
        }
    }

    /** Buckets of literals with a bit per bucket, so that the common case (no literal starts here) stays in L1. */
    private static final class Table {
        private final List<List<String>> building;
        private final List<List<Integer>> buildingIds;
        private final long[] used;
        private final String[][] literals;
        private final int[][] ids;
        /** ASCII characters that start a literal of this table; other characters always go to the bucket lookup. */
        private final long[] asciiFirst = new long[2];
        private boolean any;

        Table(int buckets) {
            building = new ArrayList<>(buckets);
            buildingIds = new ArrayList<>(buckets);
            for (int b = 0; b < buckets; b++) {
                building.add(null);
                buildingIds.add(null);
            }
            used = new long[buckets / 64];
            literals = new String[buckets][];
            ids = new int[buckets][];
        }

        void put(int bucket, String literal, int id) {
            if (building.get(bucket) == null) {
                building.set(bucket, new ArrayList<>(1));
                buildingIds.set(bucket, new ArrayList<>(1));
            }
            building.get(bucket).add(literal);
            buildingIds.get(bucket).add(id);
            used[bucket >>> 6] |= 1L << bucket;
            char first = literal.charAt(0);
            if (first < 128) {
                asciiFirst[first >>> 6] |= 1L << first;
            }
            any = true;
        }

        void seal() {
            for (int b = 0; b < building.size(); b++) {
                if (building.get(b) != null) {
                    literals[b] = building.get(b).toArray(new String[0]);
                    ids[b] = buildingIds.get(b).stream().mapToInt(Integer::intValue).toArray();
                }
            }
            building.clear();
            buildingIds.clear();
        }

        boolean mayStart(char c) {
            return any && (c >= 128 || (asciiFirst[c >>> 6] & (1L << c)) != 0);
        }

        void report(int bucket, String text, int at, Sink sink) {
            if ((used[bucket >>> 6] & (1L << bucket)) == 0) {
                return;
            }
            String[] candidates = literals[bucket];
            for (int k = 0; k < candidates.length; k++) {
                if (text.startsWith(candidates[k], at)) {
                    sink.found(ids[bucket][k], at);
                }
            }
        }
    }
}
