package io.sigmacode.firewall.pii;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sentence shapes in which a common given name (from the gazetteer) stands for a person the writer knows, not a public
 * figure: addressed by name at the start of a sentence ({@code Danial, can you ...}, {@code Anna, bitte ...}), the
 * subject of a sentence about where they live or work ({@code Jouko is from ...}, {@code Lena wohnt in ...}), or a list
 * of three or more given names ({@code silvana, adam, christopher and caleb}). Each is evidence on its own, so it
 * scores like a weak cue; a given name elsewhere stays at the gazetteer's low score.
 */
final class NameConstructions {

    private static final Pattern ADDRESSED = Pattern.compile("[ \\t]+(?:(?iu:can|could|would|will|do|did|are|have)"
            + "[ \\t]+(?:you|I|we)|(?iu:please|bitte)|(?:kannst|könntest|können|könnten|würden|würdest|hast|haben)"
            + "[ \\t]+(?:du|Sie|ihr))\\b");
    private static final Pattern ABOUT_THEM = Pattern.compile("(?:[ \\t]+\\p{Lu}[\\p{L}'’-]+)?[ \\t]+(?:is from"
            + "|comes from|lives in|lives at|lives on|works at|works for|is my|was my|is our|kommt aus|wohnt in"
            + "|wohnt am|arbeitet bei|ist mein|ist meine|ist unser|ist unsere)\\b");
    private static final int MIN_LIST = 3;
    private static final char[] SENTENCE_ENDS = {'.', '!', '?', ':', '\n'};
    private static final Set<String> CONJUNCTIONS = Set.of("and", "und", "or", "oder");

    /** Receives one name: its span. */
    interface Sink {
        void accept(int start, int end);
    }

    private NameConstructions() {
    }

    /**
     * Looks only where a construction can start, found with {@code indexOf}: the start of the text, of a line or of
     * a sentence (for names addressed or described), and the word before each comma (lists have at least one).
     */
    static void find(String text, Gazetteer given, Sink sink) {
        sentenceOpener(text, 0, given, sink);
        for (char d : SENTENCE_ENDS) {
            int at = text.indexOf(d);
            while (at >= 0) {
                sentenceOpener(text, at + 1, given, sink);
                at = text.indexOf(d, at + 1);
            }
        }
        int covered = 0;
        int comma = text.indexOf(',');
        while (comma >= 0) {
            int start = wordStartBefore(text, comma);
            if (start >= covered && start < comma) {
                covered = Math.max(covered, list(text, start, given, sink));
            }
            comma = text.indexOf(',', comma + 1);
        }
    }

    /** The word that opens a sentence at or after {@code from}, if it is a given name in one of the shapes. */
    private static void sentenceOpener(String text, int from, Gazetteer given, Sink sink) {
        int n = text.length();
        int i = from;
        if (from > 0 && text.charAt(from - 1) != '\n' && (from >= n || !Character.isWhitespace(text.charAt(from)))) {
            return;
        }
        while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '"'
                || text.charAt(i) == '\'' || text.charAt(i) == '>' || text.charAt(i) == '*')) {
            i++;
        }
        if (i >= n || !Character.isUpperCase(text.charAt(i))) {
            return;
        }
        int end = wordEnd(text, i);
        if (end - i >= 3 && given.contains(text.substring(i, end))
                && (end < n && text.charAt(end) == ',' && ADDRESSED.matcher(text).region(end + 1, n).lookingAt()
                || ABOUT_THEM.matcher(text).region(end, n).lookingAt())) {
            sink.accept(i, end);
        }
    }

    /** A list of given names starting at {@code start}; reports it when it has three or more. Returns its end. */
    private static int list(String text, int start, Gazetteer given, Sink sink) {
        int n = text.length();
        int count = 0;
        int end = start;
        int p = start;
        while (p < n && Character.isLetter(text.charAt(p))) {
            int e = wordEnd(text, p);
            if (e - p < 3 || !given.contains(text.substring(p, e))) {
                break;
            }
            count++;
            end = e;
            p = nextListItem(text, e);
            if (p < 0) {
                break;
            }
        }
        if (count >= MIN_LIST) {
            sink.accept(start, end);
        }
        return end;
    }

    /** Start of the next list item after a name ending at {@code e}: after ", ", " and ", ", und ", " & ", or -1. */
    private static int nextListItem(String text, int e) {
        int p = skipSpaces(text, e);
        boolean separated = false;
        if (p < text.length() && (text.charAt(p) == ',' || text.charAt(p) == '&')) {
            p = skipSpaces(text, p + 1);
            separated = true;
        }
        int w = wordEnd(text, p);
        if (w > p && CONJUNCTIONS.contains(text.substring(p, w))) {
            p = skipSpaces(text, w);
            separated = true;
        }
        return separated ? p : -1;
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int wordStartBefore(String text, int at) {
        int i = at;
        while (i > 0 && Character.isLetter(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static int wordEnd(String text, int start) {
        int e = start;
        while (e < text.length() && (Character.isLetter(text.charAt(e)) || text.charAt(e) == '-')) {
            e++;
        }
        return e;
    }
}
