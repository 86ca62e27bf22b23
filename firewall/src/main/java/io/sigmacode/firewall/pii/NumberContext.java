package io.sigmacode.firewall.pii;

import java.util.regex.Pattern;

/**
 * Where a run of digits sits says more than its checksum: a mod-11 or Luhn check passes one random number in ten,
 * so a digit run that is plainly a date, a time, an epoch timestamp or the rest of an international phone number is
 * not read as an identifier, whatever its digits.
 */
final class NumberContext {

    private static final int LOOK_BEHIND = 40;
    private static final Pattern ISO_DATE = Pattern.compile(
            "(?:19|20)\\d{2}[-./](?:0[1-9]|1[0-2])[-./](?:0[1-9]|[12]\\d|3[01])");
    /** A key naming a time, then the assignment: {@code "created_at": }, {@code timestamp=}, {@code exp: }. */
    private static final Pattern TIME_KEY = Pattern.compile(
            "(?i)(?:_at|time|timestamp|date|epoch|expires?|expiry|iat|nbf|exp|ts)[\"']?\\s*[:=]\\s*[\"']?$");
    /** {@code version 1.2.3.4}, {@code v2.0.0.1}, {@code build 10.0.1.7}: dotted numbers that are versions. */
    private static final Pattern VERSION_WORD = Pattern.compile(
            "(?i)(?:\\b(?:version|ver|release|build|firmware|patch|update|rev|revision)\\W{0,3}|\\bv)$");
    /**
     * Words naming a number that is not a phone number, with no phone word between them and the number. Presidio
     * raises a score when context words are present; here a contrary word lowers a phone below any threshold.
     */
    private static final Pattern IDENTIFIER_WORD = Pattern.compile(
            "(?i)\\b(?:steuer-?id|steuer-?identifikationsnummer|steuernummer|tax id|tin|iban|konto(?:nummer)?"
                    + "|account|kunden-?nummer|customer (?:no|number|id)|rechnungs-?nummer|invoice|order"
                    + "|bestell-?nummer|ticket|serial|serien-?nummer|ausweis-?nummer|personalausweis|passport|reisepass"
                    + "|isbn|id|\\p{L}*(?:nummer|nr)|(?:item|part|article|reference|ref|case|tracking) (?:no|number))"
                    + "\\b[^\\n]{0,12}$");
    private static final Pattern PHONE_WORD = Pattern.compile(
            "(?i)\\b(?:tel|telefon|phone|call|anrufen|ruf|mobil|mobile|handy|fax|whatsapp|sms|durchwahl)");
    private static final Pattern COUNTRY_CODE = Pattern.compile("(?:\\+|\\b00)\\d{1,3}[ .-]?\\(?$");
    /** Epoch seconds from 2001-09-09 (first ten-digit second) to 2100; milliseconds are the same with three more. */
    private static final long EPOCH_MIN = 1_000_000_000L;
    private static final long EPOCH_MAX = 4_102_444_800L;

    private NumberContext() {
    }

    /** True when the candidate is not an identifier or phone number because of what surrounds it. */
    static boolean rulesOut(String text, int start, int end) {
        String candidate = text.substring(start, end);
        if (ISO_DATE.matcher(candidate).find() || touchesTime(text, start, end)) {
            return true;
        }
        String before = text.substring(Math.max(0, start - LOOK_BEHIND), start);
        return epoch(candidate) && TIME_KEY.matcher(before).find();
    }

    /** An identifier-shaped run right after {@code +1 } or {@code 0049 } is the subscriber part of a phone number. */
    static boolean afterCountryCode(String text, int start) {
        return COUNTRY_CODE.matcher(text.substring(Math.max(0, start - 6), start)).find();
    }

    static boolean afterVersionWord(String text, int start) {
        return VERSION_WORD.matcher(text.substring(Math.max(0, start - 12), start)).find();
    }

    /** A number right after "Steuer-ID", "IBAN", "invoice" … is that identifier, even when it would dial. */
    static boolean afterIdentifierWord(String text, int start) {
        String before = text.substring(Math.max(0, start - LOOK_BEHIND), start);
        return IDENTIFIER_WORD.matcher(before).find() && !PHONE_WORD.matcher(before).find();
    }

    /** {@code 12:20}, {@code 2024-01-16 12}: a digit run that a colon and two digits continue is a clock time. */
    private static boolean touchesTime(String text, int start, int end) {
        boolean after = end + 2 < text.length() && text.charAt(end) == ':' && Character.isDigit(text.charAt(end + 1))
                && Character.isDigit(text.charAt(end + 2));
        boolean before = start >= 3 && text.charAt(start - 1) == ':' && Character.isDigit(text.charAt(start - 2));
        return after || before;
    }

    private static boolean epoch(String candidate) {
        String d = Checksums.digits(candidate);
        if (d.length() != candidate.length() || (d.length() != 10 && d.length() != 13)) {
            return false;
        }
        long seconds = Long.parseLong(d.substring(0, 10));
        return seconds >= EPOCH_MIN && seconds <= EPOCH_MAX;
    }
}
