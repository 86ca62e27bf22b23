package io.sigmacode.firewall.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Street addresses by their shape: a house number with a street type (English {@code 42 Baker Street}, German
 * {@code Hauptstraße 5}, {@code Am Markt 3}, Romance {@code via Roma 12}, {@code 12 rue de la Paix}), optionally
 * continued by a flat, a postal code and a town; post-office and military boxes; US "City, ST 12345".
 * <p>
 * Every shape contains a number, so the scan walks the digit runs of the text and tries only the shapes that the
 * words beside a run allow: a run followed by a capitalised word or a Romance street word may start an address, a
 * run preceded by a street word (a German suffix, {@code via}, {@code Postfach}, {@code Apt}) may end one. Patterns
 * are matched in a short region at the run, never over the text, so prose full of numbers costs a few tests per
 * number.
 */
final class StreetAddresses {

    private static final String CAP = "[A-ZÄÖÜÀ-ÝŁŚŻŹĆ][\\p{L}'’.-]*";
    private static final String EN_TYPE = "(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct"
            + "|Way|Place|Pl|Terrace|Parkway|Pkwy|Circle|Cir|Square|Sq|Highway|Hwy|Trail|Crescent|Close|Alley|Plaza"
            + "|Loop|Pike|Heights|Gardens|Greens?|Mews|Row|Walk|Hollow|Ridge|Port|Park|Village|Junction|Estates?"
            + "|Meadows?|Mountains?|Falls|Fields?|Harbor|Haven|Hills?|Islands?|Lakes?|Landing|Manor|Mill|Points?"
            + "|Ports?|Prairie|Ranch|Rest|Shores?|Springs?|Stravenue|Summit|Tunnel|Turnpike|Valleys?|Views?|Vista"
            + "|Wells?)";
    private static final String UNIT =
            "(?:,?\\s*(?:Apt|Apartment|Suite|Ste|Unit|Flat|Wohnung|Whg)\\.?\\s*#?\\s*\\w{1,6})?";
    private static final String POSTCODE_TOWN = "(?:,?\\s*(?:D-)?\\d{5}\\s+" + CAP + "(?:[ -]" + CAP + ")?)?";
    private static final List<String> DE_SUFFIXES = List.of("straße", "strasse", "str.", "weg", "platz", "allee",
            "gasse", "ring", "damm", "ufer", "chaussee", "steig", "pfad", "markt", "berg", "hof", "feld", "garten",
            "straat", "laan", "plein", "gracht", "kade", "singel", "dreef", "vej", "gade", "gata", "gatan", "vägen",
            "veien", "gränd", "katu", "kuja", "tie", "utca");
    /** German street names that open with a preposition are written with it capitalised: "Am Markt 3". */
    private static final Set<String> DE_PREPOSITIONS = Set.of("Am", "An", "Auf", "Im", "In", "Zum", "Zur", "Unter",
            "Hinter");
    private static final Set<String> ROMANCE_WORDS = Set.of("via", "viale", "piazza", "piazzale", "corso", "vicolo",
            "largo", "calle", "avenida", "paseo", "plaza", "rue", "avenue", "boulevard", "chemin", "allée", "impasse",
            "ul.", "ulica", "aleja", "piazzetta", "strada", "contrada", "borgo", "rua", "travessa", "praça", "carrer",
            "camino", "ronda", "rambla", "pasaje", "travesía", "quai", "al.", "pl.", "os.");
    private static final Set<String> BOX_WORDS = Set.of("box", "postfach", "apt", "apt.", "apartment", "suite",
            "ste", "ste.", "unit", "wohnung", "whg", "whg.", "psc", "ae", "aa", "ap", "fpo", "apo", "dpo");
    private static final int WORDS_BEFORE = 5;
    /** Quoting and list marks before a word ("&gt;Suite 377", "(Apt 5"): the word starts after them. */
    private static final String OPENING_MARKS = ">(\"'*-";

    /** Shapes that start with the house number. */
    private static final List<Pattern> NUMBER_FIRST = List.of(
            Pattern.compile("\\d{1,6}[A-Za-z]?(?:\\s+" + CAP + "){1,4}\\s+" + EN_TYPE + "\\b\\.?" + UNIT),
            Pattern.compile("(?i)\\d{1,4}(?:\\s?(?:bis|ter))?,?\\s+(?:rue|avenue|boulevard|chemin|allée|impasse"
                    + "|place|quai)\\s+(?:[\\p{L}'’.-]+\\s+){0,3}[\\p{L}'’.-]+"));
    /**
     * Shapes that end with the house number (or box number), tried from each of the few words before it. After a
     * capitalised preposition or a street suffix the number has at most three digits: "Im Jahr 2023" and "During 2021"
     * are years, "Im Winkel 23" and "Lindenring 7" streets.
     */
    private static final Pattern DE_STREET = Pattern.compile("(?:" + CAP + "[- ]){0,3}[\\p{L}-]*(?i:straße|strasse"
            + "|str\\.|weg|platz|allee|gasse|ring|damm|ufer|chaussee|steig|pfad|markt|berg|hof|feld|garten|straat|laan"
            + "|plein|gracht|kade|singel|dreef|vej|gade|gata|gatan|vägen|veien|gränd|katu|kuja|tie"
            + "|utca)\\s+\\d{1,3}\\s?[a-zA-Z]?\\b" + UNIT + POSTCODE_TOWN);
    private static final Pattern DE_PREPOSITION_STREET = Pattern.compile("(?:Am|An der|An den|Auf dem|Auf der|Im"
            + "|In der|In den|Zum|Zur|Unter den|Hinter der)\\s+" + CAP + "(?:\\s+" + CAP
            + ")?\\s+\\d{1,3}\\s?[a-zA-Z]?\\b"
            + POSTCODE_TOWN);
    private static final Pattern ROMANCE_STREET = Pattern.compile("(?i)(?:via|viale|piazza|piazzale|corso|vicolo"
            + "|largo|calle|avenida|paseo|plaza|rue|avenue|boulevard|chemin|allée|impasse|ul\\.|ulica|aleja|piazzetta"
            + "|strada|contrada|borgo|rua|travessa|praça|carrer|camino|ronda|rambla|pasaje|travesía|quai|al\\.|pl\\."
            + "|os\\.)\\s+"
            + "(?:[\\p{L}'’.-]+\\s+){0,4}?[\\p{L}'’.-]+,?\\s+\\d{1,4}[a-zA-Z]?\\b");
    private static final List<Pattern> BOXES = List.of(
            Pattern.compile("(?i)(?:p\\.?\\s?o\\.?\\s?box|postfach)\\s+\\d[\\d ]{0,8}\\b"),
            Pattern.compile("(?:Apt|Apartment|Suite|Ste|Unit|Wohnung|Whg)\\.?[ \\t]*#?[ \\t]*\\d{1,5}\\b"),
            Pattern.compile("(?i:[AFD]PO\\s+A[AEP]\\s+\\d{5}|(?:PSC|Unit)\\s+\\d{3,4},?\\s+Box\\s+\\d{3,4})\\b"));
    private static final Pattern CITY_STATE_ZIP = Pattern.compile("\\b" + CAP + "(?:\\s" + CAP + ")?,\\s"
            + "(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT"
            + "|V[AT]|W[AIVY])\\s\\d{5}(?:-\\d{4})?\\b");

    private static final int BEFORE = 60;
    /** House numbers, postal codes and box numbers have at most six digits. */
    private static final int MAX_DIGITS = 6;
    private static final int AFTER = 60;

    private StreetAddresses() {
    }

    /** Receives one match. */
    interface Span {
        void accept(int start, int end);
    }

    /** Calls {@code sink} with the start and end of every address shape around the text's digit runs. */
    static void find(String text, Span sink) {
        int n = text.length();
        int i = 0;
        int covered = 0;
        while (i < n) {
            if (!isDigit(text.charAt(i)) || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))) {
                i++;
                continue;
            }
            int end = i;
            while (end < n && isDigit(text.charAt(end))) {
                end++;
            }
            if (i >= covered && end - i <= MAX_DIGITS && !partOfAQuantity(text, i, end)) {
                covered = Math.max(covered, tryRun(text, i, end, sink));
            }
            i = end;
        }
    }

    /** Tries the shapes a digit run at {@code [s, e)} allows; returns the end of what it reported. */
    private static int tryRun(String text, int s, int e, Span sink) {
        int n = text.length();
        if (e < n - 1 && Character.isWhitespace(text.charAt(e)) && Character.isLetter(text.charAt(e + 1))) {
            for (Pattern p : NUMBER_FIRST) {
                Matcher m = p.matcher(text).region(s, Math.min(n, e + AFTER)).useTransparentBounds(true);
                if (m.lookingAt()) {
                    sink.accept(m.start(), m.end());
                    return m.end();
                }
            }
        }
        if (!afterAWord(text, s)) {
            return cityStateZip(text, s, e, sink);
        }
        int[] starts = wordStartsBefore(text, s);
        List<String> words = words(text, starts, s);
        String last = words.isEmpty() ? "" : words.get(words.size() - 1).toLowerCase(Locale.ROOT);
        int found = -1;
        if (endsWithAny(last, DE_SUFFIXES)) {
            found = tryFrom(DE_STREET, text, starts, e, sink);
        }
        if (found < 0 && containsAny(words, DE_PREPOSITIONS, false) && !AddressBlocks.numbersSomethingElse(words)) {
            found = tryFrom(DE_PREPOSITION_STREET, text, starts, e, sink);
        }
        if (found < 0 && containsAny(words, ROMANCE_WORDS, true)) {
            found = tryFrom(ROMANCE_STREET, text, starts, e, sink);
        }
        if (found < 0 && containsAny(words, BOX_WORDS, true)) {
            for (Pattern p : BOXES) {
                found = found < 0 ? tryFrom(p, text, starts, e, sink) : found;
            }
        }
        return found >= 0 ? found : cityStateZip(text, s, e, sink);
    }

    private static int cityStateZip(String text, int s, int e, Span sink) {
        if (e - s == 5 && s >= 4 && text.charAt(s - 1) == ' ' && Character.isUpperCase(text.charAt(s - 2))) {
            Matcher m = CITY_STATE_ZIP.matcher(text).region(Math.max(0, s - BEFORE), e);
            if (m.find()) {
                sink.accept(m.start(), m.end());
                return m.end();
            }
        }
        return s;
    }

    /**
     * Tries {@code p} anchored at each word start before the number, farthest first so that the longest street name
     * wins; a match must reach the number. Returns the match end, or -1.
     */
    private static int tryFrom(Pattern p, String text, int[] starts, int numberEnd, Span sink) {
        Matcher m = p.matcher(text);
        int limit = Math.min(text.length(), numberEnd + AFTER);
        for (int from : starts) {
            m.region(from, limit).useTransparentBounds(true);
            if (m.lookingAt() && m.end() >= numberEnd) {
                sink.accept(m.start(), m.end());
                return m.end();
            }
        }
        return -1;
    }

    /** Start positions of up to {@link #WORDS_BEFORE} words before {@code at}, farthest first. */
    private static int[] wordStartsBefore(String text, int at) {
        int[] found = new int[WORDS_BEFORE];
        int count = 0;
        int i = at - 1;
        int floor = Math.max(0, at - BEFORE);
        while (i >= floor && count < WORDS_BEFORE) {
            while (i >= floor && Character.isWhitespace(text.charAt(i))) {
                i--;
            }
            if (i < floor || text.charAt(i) == '\n') {
                break;
            }
            int end = i;
            while (i > floor && !Character.isWhitespace(text.charAt(i - 1))) {
                i--;
            }
            int start = i;
            while (start < end && OPENING_MARKS.indexOf(text.charAt(start)) >= 0) {
                start++;
            }
            found[count++] = start;
            i--;
        }
        int[] farthestFirst = new int[count];
        for (int k = 0; k < count; k++) {
            farthestFirst[k] = found[count - 1 - k];
        }
        return farthestFirst;
    }

    private static List<String> words(String text, int[] starts, int at) {
        List<String> words = new ArrayList<>(starts.length);
        for (int k = 0; k < starts.length; k++) {
            int end = k + 1 < starts.length ? starts[k + 1] : at;
            words.add(text.substring(starts[k], end).strip());
        }
        return words;
    }

    private static boolean endsWithAny(String word, List<String> suffixes) {
        String w = word.endsWith(",") ? word.substring(0, word.length() - 1) : word;
        for (String s : suffixes) {
            if (w.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAny(List<String> words, Set<String> wanted, boolean ignoreCase) {
        for (String w : words) {
            String v = w.endsWith(",") ? w.substring(0, w.length() - 1) : w;
            if (wanted.contains(ignoreCase ? v.toLowerCase(Locale.ROOT) : v)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decimals, times, percentages and number ranges ({@code 12.5}, {@code 10:30}, {@code 40%}, {@code 3-4}) are
     * quantities, never house numbers; most numbers in prose are of this kind, so they are dropped before any word is
     * looked at.
     */
    private static boolean partOfAQuantity(String text, int s, int e) {
        char before = s > 0 ? text.charAt(s - 1) : ' ';
        char after = e < text.length() ? text.charAt(e) : ' ';
        boolean joinedAfter = (after == '.' || after == ':' || after == ',' || after == '-' || after == '/')
                && e + 1 < text.length() && isDigit(text.charAt(e + 1));
        return after == '%' || joinedAfter || before == '.' || before == ':' || before == '$' || before == '€';
    }

    /** A street word must stand right before a number that ends an address: a letter or a dot, then spaces. */
    private static boolean afterAWord(String text, int s) {
        int i = s - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i--;
        }
        return i >= 0 && i < s - 1 && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '.');
    }

    private static boolean wordStart(String text, int at) {
        return at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
