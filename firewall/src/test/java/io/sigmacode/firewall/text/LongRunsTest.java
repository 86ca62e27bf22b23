package io.sigmacode.firewall.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LongRunsTest {

    private static final boolean[] LETTERS = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            LETTERS[c] = true;
        }
    }

    private static List<String> probed(String text, int min) {
        List<String> runs = new ArrayList<>();
        int s = LongRuns.nextStart(text, 0, LETTERS, min);
        while (s >= 0) {
            int e = LongRuns.end(text, s, LETTERS);
            runs.add(s + "-" + e);
            s = LongRuns.nextStart(text, e, LETTERS, min);
        }
        return runs;
    }

    private static List<String> readEveryCharacter(String text, int min) {
        List<String> runs = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int s = i;
            while (i < text.length() && LETTERS[text.charAt(i)]) {
                i++;
            }
            if (i - s >= min) {
                runs.add(s + "-" + i);
            }
            i = Math.max(i, s + 1);
        }
        return runs;
    }

    @Test
    void findsTheSameRunsAsReadingEveryCharacter() {
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(80);
            for (int i = 0; i < length; i++) {
                b.append(random.nextInt(8) == 0 ? ' ' : (char) ('a' + random.nextInt(26)));
            }
            int min = 1 + random.nextInt(12);
            assertEquals(readEveryCharacter(b.toString(), min), probed(b.toString(), min), b + " / " + min);
        }
    }

    @Test
    void shortWordsAloneHaveNoRun() {
        assertEquals(List.of(), probed("the quick brown fox jumps over the lazy dog", 6));
    }
}
