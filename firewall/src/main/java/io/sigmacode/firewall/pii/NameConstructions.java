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
    private static final Set<String> CONJUNCTIONS = Set.of("and", "und", "or", "oder");

    /** Receives one name: its span. */
    interface Sink {
        void accept(int start, int end);
    }

    private NameConstructions() {
    }

    static void find(String text, Gazetteer given, Sink sink) {
        int n = text.length();
        int i = 0;
        int listStart = -1;
        int listEnd = -1;
        int listCount = 0;
        while (i < n) {
            if (!Character.isLetter(text.charAt(i)) || (i > 0 && Character.isLetter(text.charAt(i - 1)))) {
                i++;
                continue;
            }
            int end = wordEnd(text, i);
            boolean opensSentence = Character.isUpperCase(text.charAt(i)) && sentenceStart(text, i);
            boolean worthALookup = opensSentence || listCount > 0 || end < n && text.charAt(end) == ',';
            boolean name = worthALookup && end - i >= 3 && given.contains(text.substring(i, end));
            if (name && opensSentence) {
                if (end < n && text.charAt(end) == ',' && ADDRESSED.matcher(text).region(end + 1, n).lookingAt()
                        || ABOUT_THEM.matcher(text).region(end, n).lookingAt()) {
                    sink.accept(i, end);
                }
            }
            if (!name && listCount > 0 && CONJUNCTIONS.contains(text.substring(i, end))) {
                i = end;
                continue;
            }
            if (name && (listCount == 0 || listSeparator(text, listEnd, i))) {
                listStart = listCount == 0 ? i : listStart;
                listCount++;
                listEnd = end;
            } else {
                if (listCount >= MIN_LIST) {
                    sink.accept(listStart, listEnd);
                }
                listCount = name ? 1 : 0;
                listStart = i;
                listEnd = end;
            }
            i = end;
        }
        if (listCount >= MIN_LIST) {
            sink.accept(listStart, listEnd);
        }
    }

    /** Between two names of a list: a comma, "and", "und", "or" or "&amp;" with spaces. */
    private static boolean listSeparator(String text, int from, int to) {
        String between = text.substring(from, to).strip();
        return between.equals(",") || between.equals("&") || CONJUNCTIONS.contains(between)
                || between.startsWith(",") && CONJUNCTIONS.contains(between.substring(1).strip());
    }

    /** The start of the text, of a line, or of a sentence (after ". ", "! ", "? "), quotes allowed. */
    private static boolean sentenceStart(String text, int at) {
        int i = at - 1;
        while (i >= 0 && (text.charAt(i) == '"' || text.charAt(i) == '\'' || text.charAt(i) == '>'
                || text.charAt(i) == '*')) {
            i--;
        }
        if (i < 0 || text.charAt(i) == '\n') {
            return true;
        }
        if (!Character.isWhitespace(text.charAt(i))) {
            return false;
        }
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i--;
        }
        return i < 0 || ".!?:\n".indexOf(text.charAt(i)) >= 0;
    }

    private static int wordEnd(String text, int start) {
        int e = start;
        while (e < text.length() && (Character.isLetter(text.charAt(e)) || text.charAt(e) == '-')) {
            e++;
        }
        return e;
    }
}
