package io.sigmacode.firewall.pii;

import io.sigmacode.firewall.text.Windows;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Street addresses by their shape: a house number with a street type (English {@code 42 Baker Street}, German
 * {@code Hauptstraße 5}, {@code Am Markt 3}, Romance {@code via Roma 12}, {@code 12 rue de la Paix}), optionally
 * continued by a flat, a postal code and a town; post-office and military boxes; US "City, ST 12345". Every shape
 * contains a digit, so the patterns run only in windows around digits.
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
    private static final String DE_SUFFIX = "(?:straße|strasse|str\\.|weg|platz|allee|gasse|ring|damm|ufer|chaussee"
            + "|steig|pfad|markt|berg|hof|feld|garten|straat|laan|plein|gracht|kade)";
    private static final String POSTCODE_TOWN = "(?:,?\\s*(?:D-)?\\d{5}\\s+" + CAP + "(?:[ -]" + CAP + ")?)?";

    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("\\b\\d{1,6}[A-Za-z]?(?:\\s+" + CAP + "){1,4}\\s+" + EN_TYPE + "\\b\\.?" + UNIT),
            Pattern.compile("\\b" + CAP + "?(?:[- ]?" + CAP + ")*" + DE_SUFFIX + "\\s+\\d{1,4}\\s?[a-zA-Z]?\\b"
                    + UNIT + POSTCODE_TOWN),
            Pattern.compile("\\b" + CAP + "(?:[- ]" + CAP + ")*[- ](?:Straße|Strasse|Str\\.|Weg|Platz|Allee|Gasse|Ring"
                    + "|Damm|Ufer|Chaussee)\\s+\\d{1,4}\\s?[a-zA-Z]?\\b" + POSTCODE_TOWN),
            Pattern.compile("\\b(?:Am|An der|An den|Auf dem|Auf der|Im|In der|In den|Zum|Zur|Unter den|Hinter der)\\s+"
                    + CAP + "(?:\\s+" + CAP + ")?\\s+\\d{1,4}\\s?[a-zA-Z]?\\b" + POSTCODE_TOWN),
            Pattern.compile("(?i)\\b(?:\\d{1,4}(?:\\s?(?:bis|ter))?,?\\s+)?"
                    + "(?:rue|avenue|boulevard|bd|chemin|allée|impasse"
                    + "|calle|avenida|paseo|via|viale|piazza|piazzale|corso|vicolo|largo|ul\\.|ulica|aleja)"
                    + "\\s+(?:[\\p{L}'’.-]+\\s+){0,4}?[\\p{L}'’.-]+,?\\s+\\d{1,4}[a-zA-Z]?\\b"),
            Pattern.compile("(?i)\\b\\d{1,4}(?:\\s?(?:bis|ter))?,?\\s+(?:rue|avenue|boulevard|chemin|allée|impasse"
                    + "|place|quai)\\s+(?:[\\p{L}'’.-]+\\s+){0,3}[\\p{L}'’.-]+"),
            Pattern.compile("\\b(?:Apt|Apartment|Suite|Ste|Unit|Wohnung|Whg)\\.?[ \\t]*#?[ \\t]*\\d{1,5}\\b"),
            Pattern.compile("(?i)\\b(?:p\\.?\\s?o\\.?\\s?box|postfach)\\s+\\d[\\d ]{0,8}\\b"),
            Pattern.compile("\\b(?:[AFD]PO\\s+A[AEP]\\s+\\d{5}|(?:PSC|Unit)\\s+\\d{3,4},?\\s+Box\\s+\\d{3,4})\\b"),
            Pattern.compile("\\b" + CAP + "(?:\\s" + CAP + ")?,\\s(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA"
                    + "|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])\\s\\d{5}(?:-\\d{4})?\\b"));

    private StreetAddresses() {
    }

    /** Calls {@code sink} with the start and end of every address shape in the digit windows. */
    static void find(String text, Windows aroundDigits, Span sink) {
        for (Pattern p : SHAPES) {
            aroundDigits.forEachMatch(p, text, m -> sink.accept(m.start(), m.end()));
        }
    }

    /** Receives one match. */
    interface Span {
        void accept(int start, int end);
    }
}
