package io.sigmacode.command.firewall.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds every occurrence of many short literals in one pass. Literals are bucketed by a hash of their first two
 * characters (single-character literals by that character), so a text position costs one or two bucket lookups and a
 * {@code startsWith} only for the rare literal that shares the hash, instead of one full {@code indexOf} pass per
 * literal.
 */
public final class AnchorIndex {

    /** Receives each occurrence: the literal's index in the constructor's list and its start position. */
    @FunctionalInterface
    public interface Sink {
        void found(int anchor, int position);
    }

    private static final int PAIR_BUCKETS = 4096;
    private static final int SINGLE_BUCKETS = 256;

    private final String[][] pairLiterals = new String[PAIR_BUCKETS][];
    private final int[][] pairIds = new int[PAIR_BUCKETS][];
    private final String[][] singleLiterals = new String[SINGLE_BUCKETS][];
    private final int[][] singleIds = new int[SINGLE_BUCKETS][];
    private final boolean hasSingles;
    /** One bit per pair bucket, so that the common case (no literal starts here) never leaves the L1 cache. */
    private final long[] pairUsed = new long[PAIR_BUCKETS / 64];

    public AnchorIndex(List<String> anchors) {
        List<List<Integer>> pairs = buckets(PAIR_BUCKETS);
        List<List<Integer>> singles = buckets(SINGLE_BUCKETS);
        boolean single = false;
        for (int i = 0; i < anchors.size(); i++) {
            String a = anchors.get(i);
            if (a.isEmpty()) {
                throw new IllegalArgumentException("empty anchor");
            }
            if (a.length() == 1) {
                singles.get(single(a.charAt(0))).add(i);
                single = true;
            } else {
                pairs.get(pair(a.charAt(0), a.charAt(1))).add(i);
            }
        }
        fill(pairs, anchors, pairLiterals, pairIds);
        for (int b = 0; b < PAIR_BUCKETS; b++) {
            if (pairLiterals[b].length > 0) {
                pairUsed[b >>> 6] |= 1L << b;
            }
        }
        fill(singles, anchors, singleLiterals, singleIds);
        hasSingles = single;
    }

    private static List<List<Integer>> buckets(int n) {
        List<List<Integer>> b = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            b.add(new ArrayList<>(0));
        }
        return b;
    }

    private static void fill(List<List<Integer>> buckets, List<String> anchors, String[][] literals, int[][] ids) {
        for (int b = 0; b < buckets.size(); b++) {
            List<Integer> members = buckets.get(b);
            literals[b] = new String[members.size()];
            ids[b] = new int[members.size()];
            for (int k = 0; k < members.size(); k++) {
                ids[b][k] = members.get(k);
                literals[b][k] = anchors.get(members.get(k));
            }
        }
    }

    private static int pair(char a, char b) {
        return (a * 31 + b) & (PAIR_BUCKETS - 1);
    }

    private static int single(char c) {
        return c & (SINGLE_BUCKETS - 1);
    }

    /** Reports every occurrence that starts in [from, to). */
    public void scan(String text, int from, int to, Sink sink) {
        int end = Math.min(to, text.length());
        int i = Math.max(0, from);
        if (i >= end) {
            return;
        }
        char c = text.charAt(i);
        for (; i < end; i++) {
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            int b0 = pair(c, next);
            if (next != 0 && (pairUsed[b0 >>> 6] & (1L << b0)) != 0) {
                int b = b0;
                String[] candidates = pairLiterals[b];
                for (int k = 0; k < candidates.length; k++) {
                    if (text.startsWith(candidates[k], i)) {
                        sink.found(pairIds[b][k], i);
                    }
                }
            }
            if (hasSingles) {
                int b = single(c);
                String[] candidates = singleLiterals[b];
                for (int k = 0; k < candidates.length; k++) {
                    if (candidates[k].charAt(0) == c) {
                        sink.found(singleIds[b][k], i);
                    }
                }
            }
            c = next;
        }
    }
}
