package io.sigmacode.standin;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an answer into stream deltas the way LLM tokens arrive: each piece after the first starts with its
 * leading whitespace (" I", "'m", " glad"). Short answers are cut by code point so a stream always has
 * several deltas and a surrogate pair is never split.
 */
final class AnswerChunker {

    private static final int MIN_CHUNKS = 3;

    private AnswerChunker() {
    }

    static List<String> chunks(String answer) {
        List<String> words = splitBeforeWhitespace(answer);
        if (words.size() >= MIN_CHUNKS) {
            return words;
        }
        return splitEvenly(answer);
    }

    private static List<String> splitBeforeWhitespace(String answer) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < answer.length(); i++) {
            if (Character.isWhitespace(answer.charAt(i)) && !Character.isWhitespace(answer.charAt(i - 1))) {
                pieces.add(answer.substring(start, i));
                start = i;
            }
        }
        pieces.add(answer.substring(start));
        return pieces;
    }

    private static List<String> splitEvenly(String answer) {
        int[] codePoints = answer.codePoints().toArray();
        int parts = Math.min(MIN_CHUNKS, Math.max(1, codePoints.length));
        List<String> pieces = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            int from = part * codePoints.length / parts;
            int to = (part + 1) * codePoints.length / parts;
            pieces.add(new String(codePoints, from, to - from));
        }
        return pieces;
    }
}
