package io.sigmacode.firewall.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AnchorIndexTest {

    private static List<String> occurrences(AnchorIndex index, String text, int from, int to) {
        List<String> found = new ArrayList<>();
        index.scan(text, from, to, (anchor, at) -> found.add(anchor + "@" + at));
        return found;
    }

    @Test
    void findsLiteralsOfEveryLengthIncludingOverlapsAndTheLastPosition() {
        AnchorIndex index = new AnchorIndex(List.of("ignor", "ign", "# ", "+", "\u5ffd\u7565"));
        assertEquals(List.of("0@0", "1@0", "2@8", "3@11", "4@14", "3@16"),
                occurrences(index, "ignore; # a+b \u5ffd\u7565+", 0, 17));
    }

    @Test
    void reportsOnlyStartsInsideTheRangeButMatchesPastItsEnd() {
        AnchorIndex index = new AnchorIndex(List.of("ignore"));
        assertEquals(List.of("0@4"), occurrences(index, "xx  ignore", 3, 5));
    }

    @Test
    void sharedPrefixesWithoutTheLiteralReportNothing() {
        AnchorIndex index = new AnchorIndex(List.of("instruction"));
        assertEquals(List.of(), occurrences(index, "instead of instructing the install", 0, 34));
        assertEquals(List.of("0@11"), occurrences(index, "instead of instructions", 0, 23));
    }

    @Test
    void wordStartScanSkipsLiteralsInsideWords() {
        AnchorIndex index = new AnchorIndex(List.of("dear", "hi "));
        List<String> found = new ArrayList<>();
        index.scanWordStarts("endear this; dear all, hi there", (anchor, at) -> found.add(anchor + "@" + at));
        assertEquals(List.of("0@13", "1@23"), found);
    }
}
