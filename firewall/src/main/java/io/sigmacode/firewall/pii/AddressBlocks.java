package io.sigmacode.firewall.pii;

import io.sigmacode.firewall.text.NormalizedText;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Street addresses that carry no street-type word ({@code Alšova 408}, {@code Gesterbyntie 68}, {@code Pod Floriánem
 * 1677}), found by what surrounds them instead, as presidio scores context words:
 * <ul>
 *   <li>the European postal layout: a line that is a name and a house number, followed within three lines by a line
 *   with a postal code next to a town or country ({@code 10115 Berlin}, {@code Finland 41600}, {@code Paris, IL
 *   61944}), or the same on one line after a comma ({@code Gesterbyntie 68, 00100 Helsinki});</li>
 *   <li>a German, Austrian or Swiss postal code before a place of that country ({@code 80331 München}, {@code CH-8001
 *   Zürich}); the places are the GeoNames list {@code towns-dach.txt};</li>
 *   <li>a word that introduces an address ({@code address}, {@code Anschrift}, {@code sent to}, {@code live at},
 *   {@code located at}, {@code corner of}, {@code wohne in}) followed closely by capitalised words and a number.</li>
 * </ul>
 */
final class AddressBlocks {

    private static final String CAPW = "[\\p{Lu}][\\p{L}'’.-]*";
    private static final String STREET = "(?:(?:ul|al|pl|os)\\.\\s*)?(?:" + CAPW + "[ \\t]+){0,4}" + CAPW
            + ",?[ \\t]+\\d{1,5}(?:[ \\t]?[a-zA-Z])?\\b";
    private static final Pattern STREET_LINE = Pattern.compile("[ \\t>*-]*(?:\\d{1,6}[ \\t]+)?(" + STREET
            + ")[ \\t]*");
    private static final Pattern POSTCODE_LINE = Pattern.compile("[ \\t>*-]*(?:\\d{4,6}[ \\t]+" + CAPW + "|" + CAPW
            + "(?:[ \\t-]" + CAPW + "){0,3},?[ \\t]+(?:[A-Z]{2}[ \\t]+)?\\d{4,6}(?:-\\d{4})?)\\b.*");
    private static final Pattern COMMA_POSTCODE = Pattern.compile("(" + STREET + "),[ \\t]*\\d{4,5}[ \\t]+" + CAPW);
    /**
     * What follows an address cue word ({@link #CUES}, "moved to", "corner of", "wohnhaft") within a few words: a
     * street and number, or a house number and capitalised words. Tried only at word starts that can open one (a
     * capital, a digit, {@code ul.}), so a cue followed by prose costs a character test per position.
     */
    private static final Pattern AFTER_CUE = Pattern.compile("\\d{1,6}[ \\t]+" + CAPW + "(?:(?:[ \\t]+" + CAPW
            + "){1,3}|(?:[ \\t]+" + CAPW + "){0,3},?[ \\t]+\\d{1,5}[a-zA-Z]?\\b)"
            + "(?![.,:/-]\\d)|" + STREET + "(?![.,:/-]\\d)");
    private static final int CUE_REACH = 24;
    /** Looked up by {@link PersonNames#cues} in the same pass as the name cues. */
    static final List<String> CUES = List.of("address", "adresse", "anschrift", "sent to", "send it to",
            "send to", "ship to", "shipped to", "deliver", "lieferung an", "liefern an", "schicken an", "senden an",
            "live at", "live in", "live on", "lives at", "lives on", "lived at", "lived in", "living at", "located at",
            "located on", "moved to", "corner of", "wohne", "wohnt in", "wohnhaft");
    /** Capitalised words that are followed by a number without being a street: "moved to Version 2". */
    private static final Set<String> NOT_STREETS = Set.of("section", "chapter", "page", "version", "level", "room",
            "floor", "step", "figure", "table", "gate", "platform", "line", "item", "no", "no.", "number", "nr",
            "nr.", "grade", "class", "day", "week", "year", "phase", "stage", "round", "part", "article", "paragraph",
            "seite", "kapitel", "abschnitt", "stufe", "jahr", "tag", "woche", "raum", "etage", "gleis", "artikel",
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "januar", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember",
            "windows", "python", "java", "iphone", "android", "ios", "the", "a", "an", "my", "our", "your", "it",
            "is", "in", "at", "on", "of", "to", "der", "die", "das", "den", "dem");
    private static final Pattern YEAR = Pattern.compile("\\b(?:19|20)\\d\\d$");
    private static final int CUE_AFTER = 90;
    private static final int LINES_TO_POSTCODE = 3;

    private static final Gazetteer TOWNS = Gazetteer.load("towns-dach.txt");

    private AddressBlocks() {
    }

    /** {@code cues}: positions right after the address cue words ({@link PersonNames.Cues#addresses()}). */
    static void find(NormalizedText norm, int[] cues, StreetAddresses.Span sink) {
        String text = norm.original();
        if (text.indexOf('\n') >= 0) {
            lineBlocks(text, sink);
        }
        commaPostcodes(text, sink);
        postcodesBeforeTowns(text, sink);
        Matcher m = AFTER_CUE.matcher(text);
        int n = text.length();
        for (int o : cues) {
            for (int p = o; p < Math.min(n, o + CUE_REACH) && text.charAt(p) != '\n'; p++) {
                char c = text.charAt(p);
                boolean opens = Character.isUpperCase(c) || digit(c) || c == 'u' || c == 'a' || c == 'p' || c == 'o';
                if (opens && !Character.isLetterOrDigit(text.charAt(p - 1))) {
                    m.region(p, Math.min(n, p + CUE_AFTER)).useTransparentBounds(true);
                    if (m.lookingAt() && street(m.group()) && !endsWithYear(m.group())) {
                        sink.accept(m.start(), m.end());
                        break;
                    }
                }
                if (digit(c)) {
                    break;
                }
            }
        }
    }

    /** A name-and-number line followed, within three lines, by a postal-code line. */
    private static void lineBlocks(String text, StreetAddresses.Span sink) {
        String[] lines = text.split("\n", -1);
        int offset = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (endsWithHouseNumber(line)) {
                Matcher m = STREET_LINE.matcher(line);
                if (m.matches() && street(m.group(1))) {
                    int end = postcodeLineEnd(lines, i, offset);
                    if (end > 0) {
                        sink.accept(offset + m.start(1), end);
                    }
                }
            }
            offset += line.length() + 1;
        }
    }

    private static int postcodeLineEnd(String[] lines, int street, int streetOffset) {
        int offset = streetOffset + lines[street].length() + 1;
        int seen = 0;
        for (int j = street + 1; j < lines.length && seen < LINES_TO_POSTCODE; j++) {
            String l = lines[j];
            if (!l.isBlank()) {
                seen++;
                if (POSTCODE_LINE.matcher(l).matches() || TOWNS.contains(firstWord(l))) {
                    return offset + l.stripTrailing().length();
                }
            }
            offset += l.length() + 1;
        }
        return -1;
    }

    private static String firstWord(String line) {
        int s = 0;
        while (s < line.length() && !Character.isLetter(line.charAt(s))) {
            s++;
        }
        int e = s;
        while (e < line.length() && Character.isLetter(line.charAt(e))) {
            e++;
        }
        return line.substring(s, e);
    }

    /**
     * Four or five digits, a space and a place of DE/AT/CH: a postal code and town. Four digits from 1900 to 2099 are
     * read as a year ("seit 2015 Zürich ...").
     */
    private static void postcodesBeforeTowns(String text, StreetAddresses.Span sink) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (!digit(text.charAt(i))) {
                continue;
            }
            int e = i + 1;
            while (e < n && digit(text.charAt(e))) {
                e++;
            }
            int digits = e - i;
            boolean year = digits == 4 && (text.startsWith("19", i) || text.startsWith("20", i));
            if ((digits == 5 || digits == 4 && !year) && e + 1 < n && text.charAt(e) == ' '
                    && Character.isUpperCase(text.charAt(e + 1))
                    && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                int townEnd = e + 1;
                while (townEnd < n && (Character.isLetter(text.charAt(townEnd)) || text.charAt(townEnd) == '-')) {
                    townEnd++;
                }
                if (TOWNS.contains(text.substring(e + 1, townEnd))) {
                    sink.accept(i, townEnd);
                }
            }
            i = e;
        }
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean endsWithHouseNumber(String line) {
        int i = line.length() - 1;
        while (i >= 0 && Character.isWhitespace(line.charAt(i))) {
            i--;
        }
        if (i >= 0 && Character.isLetter(line.charAt(i))) {
            i--;
            while (i >= 0 && line.charAt(i) == ' ') {
                i--;
            }
        }
        return i > 0 && Character.isDigit(line.charAt(i));
    }

    private static void commaPostcodes(String text, StreetAddresses.Span sink) {
        int from = 0;
        int comma;
        while ((comma = text.indexOf(',', from)) >= 0) {
            from = comma + 1;
            int d = comma + 1;
            while (d < text.length() && (text.charAt(d) == ' ' || text.charAt(d) == '\t')) {
                d++;
            }
            if (d < text.length() && Character.isDigit(text.charAt(d)) && comma > 0
                    && Character.isLetterOrDigit(text.charAt(comma - 1))) {
                Matcher m = COMMA_POSTCODE.matcher(text).region(Math.max(0, comma - 60), Math.min(text.length(),
                        d + 40));
                while (m.find()) {
                    if (m.end(1) == comma && street(m.group(1))) {
                        sink.accept(m.start(1), m.end());
                        break;
                    }
                }
            }
        }
    }

    /** "lived in Paris 2019": after a cue, a year is likelier than a house number in the 1900s or 2000s. */
    private static boolean endsWithYear(String candidate) {
        return YEAR.matcher(candidate).find();
    }

    /** A capitalised word of three letters or more numbers something else: "Im Kapitel 3", "Am Gleis 7". */
    static boolean numbersSomethingElse(List<String> words) {
        for (String w : words) {
            if (w.length() > 2 && Character.isUpperCase(w.charAt(0))
                    && NOT_STREETS.contains(w.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** The first word of a street is not a word that numbers something else ("Chapter 5", "March 2024"). */
    private static boolean street(String candidate) {
        String s = candidate.strip();
        int space = s.indexOf(' ');
        String first = (space < 0 ? s : s.substring(0, space)).toLowerCase(Locale.ROOT);
        if (first.chars().allMatch(Character::isDigit) && space > 0) {
            String rest = s.substring(space + 1).strip();
            int sp = rest.indexOf(' ');
            first = (sp < 0 ? rest : rest.substring(0, sp)).toLowerCase(Locale.ROOT);
        }
        return !NOT_STREETS.contains(first);
    }
}
