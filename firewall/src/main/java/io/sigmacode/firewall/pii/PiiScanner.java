package io.sigmacode.firewall.pii;

import io.sigmacode.firewall.text.Fingerprints;
import io.sigmacode.firewall.text.ScanInput;
import io.sigmacode.firewall.text.Scanner;
import io.sigmacode.firewall.text.Windows;
import io.sigmacode.kernel.firewall.Finding;
import org.apache.commons.validator.routines.CreditCardValidator;
import org.apache.commons.validator.routines.EmailValidator;
import org.apache.commons.validator.routines.IBANValidator;
import org.apache.commons.validator.routines.InetAddressValidator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static io.sigmacode.kernel.firewall.FirewallPolicyDocument.PII;

/**
 * Personal data that can be validated: e-mail addresses (domain and TLD checked), phone numbers (libphonenumber),
 * payment cards (Luhn), IBANs (country length and MOD 97), IP addresses, and national identifiers with their check
 * digits. Document numbers without a checksum (passports, driving licences, bank accounts) count only next to a keyword
 * naming them; identifiers that have a checksum must pass it, whatever keyword precedes them.
 */
public final class PiiScanner implements Scanner {

    public static final String ID = "pii@1";

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9](?:"
            + "[A-Za-z0-9-]{0,62}\\.)+[A-Za-z][A-Za-z0-9-]{1,62}");
    private static final Pattern IBAN = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{1,4}){2,8}(?!"
            + "[A-Za-z0-9])");
    private static final Pattern CARD = Pattern.compile("(?<![\\w.-])(?:\\d[ -]?){12,18}\\d(?![\\w]|[.-]\\d)");
    /** The digit comes before the look-behind so that most start positions fail on one character test. */
    private static final Pattern IPV4 = Pattern.compile("\\d(?<![\\d.]\\d)\\d{0,2}\\.(?:\\d{1,3}\\.){2}\\d{1,3}(?!"
            + "[\\d]|\\.\\d)");
    private static final Pattern IPV6 = Pattern.compile("(?<![0-9A-Za-z:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}"
            + "(?:(?<=:)\\d{1,3}(?:\\.\\d{1,3}){3})?(?![0-9A-Za-z:])");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+/.-])\\+?\\(?\\d[\\d ().-]{5,18}\\d(?![\\w]|"
            + "[.-]\\d)");
    private static final Pattern CONTEXT_DOC = Pattern.compile(
            "(?i)\\b(passports?|reisepass|pasaporte|passeport|passaporto|pass-nr|여권|driver'?s? licen[cs]e|driving "
                    + "licen[cs]e|licen[cs]e"
                    + "|f\u00fchrerschein|ausweis|id card|identity (?:card|number)|national id|bank account|account "
                    + "number"
                    + "|routing number|medicare|insurance number|voter id|epic"
                    + "|ssn|social security(?: number)?|permis de conduire|patente|licencia(?: de conducir)?"
                    + "|carta d'identit[a\u00e0]|c\u00e9dula|cedula|personalausweis)"
                    // German writes the number word into the compound: Reisepassnummer, Personalausweis-Nr.
                    + "(?:-?nummer|-?nr)?\\b[^A-Za-z0-9\\n]{0,4}(?:(?:number|no|nr|num|is|ist|lautet|est|es|id|#|was"
                    + "|:)[^A-Za-z0-9\\n]{0,3}){0,3}"
                    + "([A-Za-z0-9](?:[A-Za-z0-9-]| (?=\\d)){4,18}[A-Za-z0-9])");

    private static final int CONTEXT_WINDOW = 40;
    private static final int EMAIL_LOCAL_MAX = 64;
    private static final int EMAIL_DOMAIN_MAX = 255;
    private static final int IPV6_MAX = 45;
    private static final int MIN_IBAN_DIGITS = 7;
    /** Country, check digits and the shortest BBAN (Norway, 11 characters) with spaces every four. */
    private static final int MIN_IBAN_PREFIX = 15;
    private static final int MIN_CARD_DIGITS = 12;
    private static final int MIN_PHONE_DIGITS = 7;
    private static final int MIN_DOCUMENT_DIGITS = 4;
    private static final int MIN_IPV4_DIGITS = 4;
    private static final int CLUSTER_MARGIN = 12;
    private static final int CONTEXT_BEFORE = 64;
    private static final double ADDRESS_SCORE = 0.8;
    private static final List<String> DOCUMENT_KEYWORDS = List.of("pass", "여권", "licen", "f\u00fchrer", "ausweis",
            "id card",
            "identity", "national id", "account", "routing", "medicare", "insurance", "voter", "epic", "ssn",
                    "social security",
            "permis", "patente", "identit", "dula");
    private static final Pattern PHONE_CONTEXT = Pattern.compile(
            "(?i)\\b(?:call|phone|tel|telephone|mobile|cell|fax|text|sms|whatsapp|reach|contact|dial|ring|number"
                    + "|answering|messages?)\\b");
    private static final Pattern SHORT_CARD = Pattern.compile("(?i)\\bcard\\b[^0-9\\n]{0,20}(?<![\\w.-])(\\d{12})(?!"
            + "[\\w]|[.-]\\d)");

    private final EmailValidator emails = EmailValidator.getInstance(false, false);
    private final IBANValidator ibans = IBANValidator.getInstance();
    private final CreditCardValidator cards = CreditCardValidator.genericCreditCardValidator();
    private final InetAddressValidator ips = InetAddressValidator.getInstance();
    private final PhoneValidator phones = new PhoneValidator();
    private final List<IdRule> ids = IdRules.all();
    private final PersonNames names = new PersonNames();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void scan(ScanInput input, List<Finding> out) {
        String text = input.text();
        List<Finding> found = new ArrayList<>();
        if (text.indexOf('@') >= 0) {
            Windows at = new Windows(text.length());
            at.aroundAll(text, "@", EMAIL_LOCAL_MAX, EMAIL_DOMAIN_MAX);
            at.forEachMatch(EMAIL, text, m -> {
                if (emails.isValid(m.group())) {
                    add(found, "email", "email", m.start(), m.end(), 0.95, m.group());
                }
            });
        }
        DigitClusters digits = new DigitClusters(text, CLUSTER_MARGIN);
        if (!digits.isEmpty()) {
            digits.windows(MIN_IBAN_DIGITS).forEachMatch(IBAN, text, input, m -> iban(m.group(), m.start(), found));
            digits.windows(MIN_CARD_DIGITS).forEachMatch(CARD, text, input, m -> {
                String d = Checksums.digits(m.group());
                if (d.charAt(0) != '0' && cardGrouping(m.group()) && !continuesGroupedCode(text, m.start())
                        && !Checksums.allSame(d) && cards.isValid(d)) {
                    add(found, "card", "card", m.start(), m.end(), 0.9, d);
                }
            });
            input.checkDeadline();
            for (IdRule r : ids) {
                digits.windows(r.minDigits()).forEachMatch(r.pattern(), text, input, m -> {
                    if (r.valid().test(m.group()) && !NumberContext.rulesOut(text, m.start(), m.end())
                            && !NumberContext.afterCountryCode(text, m.start())) {
                        add(found, r.kind(), r.subtype(), m.start(), m.end(), r.score(), m.group());
                    }
                });
            }
            input.checkDeadline();
            phones(input, digits.windows(MIN_PHONE_DIGITS), found);
            String folded = input.normalized().folded();
            if (containsAny(folded, DOCUMENT_KEYWORDS) || folded.contains("card")) {
                Windows wide = digits.windows(MIN_DOCUMENT_DIGITS, CONTEXT_BEFORE, CLUSTER_MARGIN);
                contextDocuments(input, wide, found);
                contextCards(input, wide, found);
            }
            digits.windows(MIN_IPV4_DIGITS).forEachMatch(IPV4, text, input, m -> {
                if (ips.isValidInet4Address(m.group()) && !NumberContext.afterVersionWord(text, m.start())) {
                    add(found, "ip", "ipv4", m.start(), m.end(), 0.8, m.group());
                }
            });
        }
        ipv6(text, found);
        peopleAndPlaces(input, digits, found);
        out.addAll(found);
    }

    /**
     * Names and street addresses last, so that a structured value (an e-mail address that contains a name, a phone
     * number beside a street) keeps its own kind.
     */
    private void peopleAndPlaces(ScanInput input, DigitClusters digits, List<Finding> found) {
        String text = input.text();
        PersonNames.Cues cues = names.cues(input.normalized());
        if (!digits.isEmpty()) {
            StreetAddresses.Span address = (s, e) -> add(found, "street_address", "street_address", s, e,
                    ADDRESS_SCORE, text.substring(s, e));
            StreetAddresses.find(text, address);
            AddressBlocks.find(input.normalized(), cues.addresses(), address);
        }
        input.checkDeadline();
        boolean personalData = !found.isEmpty();
        names.find(input.normalized(), cues, (s, e, score) -> {
            double raised = score < PersonNames.CUE_WEAK && personalData ? score + PersonNames.BESIDE_PERSONAL_DATA
                    : score;
            add(found, "person", "person", s, e, raised, text.substring(s, e));
        });
    }

    /**
     * The pattern takes every group up to eight; a word after a printed IBAN ({@code ... 8901 X}) is dropped group by
     * group until the rest validates, so trailing text does not hide the account.
     */
    private void iban(String candidate, int start, List<Finding> found) {
        String g = candidate;
        while (true) {
            String compact = g.replace(" ", "");
            if (ibans.isValid(compact)) {
                add(found, "iban", "iban", start, start + g.length(), 0.95, compact);
                return;
            }
            int cut = g.lastIndexOf(' ');
            if (cut < MIN_IBAN_PREFIX) {
                return;
            }
            g = g.substring(0, cut);
        }
    }

    /**
     * A card number is a code of its own: digit blocks that continue a grouped code with letters or digits before them
     * ({@code GR16 A110 1250 0000 ...}) are the tail of an account number, not a card.
     */
    private static boolean continuesGroupedCode(String text, int start) {
        if (start < 2 || (text.charAt(start - 1) != ' ' && text.charAt(start - 1) != '-')) {
            return false;
        }
        int i = start - 2;
        int len = 0;
        boolean digit = false;
        while (i >= 0 && Character.isLetterOrDigit(text.charAt(i))) {
            digit |= Character.isDigit(text.charAt(i));
            len++;
            i--;
        }
        return digit && len > 0 && len <= 4;
    }

    private void phones(ScanInput input, Windows digits, List<Finding> found) {
        String text = input.text();
        digits.forEachMatch(PHONE, text, input, m -> {
            String c = m.group().trim();
            if (overlaps(found, m.start(), m.end())) {
                return;
            }
            if (PhoneValidator.endsInSingleDigitGroup(c) || NumberContext.rulesOut(text, m.start(), m.end())) {
                return;
            }
            if (NumberContext.afterIdentifierWord(text, m.start())) {
                return;
            }
            if (phones.isValid(c)) {
                add(found, "phone", "phone", m.start(), m.end(), 0.85, Checksums.digits(c));
            } else if (PhoneValidator.isGroupedLocalNumber(c) && PHONE_CONTEXT.matcher(before(text,
                    m.start())).find()) {
                add(found, "phone", "phone_in_context", m.start(), m.end(), 0.7, Checksums.digits(c));
            }
        });
    }

    /**
     * Twelve-digit Maestro and private-label cards: Luhn alone is too weak at that length, so a card keyword must
     * precede.
     */
    private void contextCards(ScanInput input, Windows digits, List<Finding> found) {
        String text = input.text();
        digits.forEachMatch(SHORT_CARD, text, input, m -> {
            String d = m.group(1);
            if (!overlaps(found, m.start(1), m.end(1)) && Checksums.luhn(d) && !Checksums.allSame(d)) {
                add(found, "card", "card_in_context", m.start(1), m.end(1), 0.75, d);
            }
        });
    }

    private static String before(String text, int at) {
        return text.substring(Math.max(0, at - CONTEXT_WINDOW), at);
    }

    private void contextDocuments(ScanInput input, Windows digits, List<Finding> found) {
        String text = input.text();
        digits.forEachMatch(CONTEXT_DOC, text, input, m -> {
            String value = m.group(2);
            if (Checksums.digits(value).length() < 4) {
                return;
            }
            String kw = m.group(1).toLowerCase(Locale.ROOT);
            if ((kw.equals("ssn") || kw.startsWith("social")) && !namedSsn(value)) {
                return;
            }
            String kind = kw.startsWith("pass") || kw.contains("여권") || kw.equals("reisepass") ? "passport"
                    : kw.contains("licen") || kw.startsWith("f\u00fchrer") || kw.startsWith("permis")
                            || kw.equals("patente") ? "driver_license"
                    : kw.contains("account") || kw.contains("routing") ? "bank_account"
                    : kw.contains("medicare") || kw.contains("insurance") ? "health_id" : "national_id";
            add(found, kind, "context_" + kind, m.start(2), m.end(2), 0.6, value);
        });
    }

    /** A keyword does not excuse a checksum: a number named as an SSN must still follow the issuance rules. */
    private static boolean namedSsn(String value) {
        String d = Checksums.digits(value);
        return d.length() == 9 && d.length() == value.replace("-", "").replace(" ", "").length() && Checksums.usSsn(d);
    }

    private void ipv6(String text, List<Finding> found) {
        if (text.indexOf(':') < 0) {
            return;
        }
        Windows colons = new Windows(text.length());
        int at = text.indexOf("::");
        while (at >= 0) {
            colons.add(at - IPV6_MAX, at + IPV6_MAX);
            at = text.indexOf("::", at + 2);
        }
        at = text.indexOf(':');
        while (at >= 0) {
            if (at > 0 && at + 1 < text.length() && Character.digit(text.charAt(at - 1), 16) >= 0
                    && Character.digit(text.charAt(at + 1), 16) >= 0 && text.indexOf(':', at + 1) > 0
                            && text.indexOf(':', at + 1) - at <= 5) {
                colons.add(at - IPV6_MAX, at + IPV6_MAX);
            }
            at = text.indexOf(':', at + 1);
        }
        colons.forEachMatch(IPV6, text, m -> {
            String g = m.group();
            if ((g.contains("::") || g.chars().filter(c -> c == ':').count() >= 7) && ips.isValidInet6Address(g)) {
                add(found, "ip", "ipv6", m.start(), m.end(), 0.8, g);
            }
        });
    }

    private static boolean containsAny(String text, List<String> words) {
        for (String w : words) {
            if (text.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** Cards are written in blocks of four (Amex 4-6-5); other groupings are account or ID numbers. */
    private static boolean cardGrouping(String candidate) {
        String[] groups = candidate.split("[ -]");
        if (groups.length == 1) {
            return true;
        }
        if (groups.length == 3 && groups[0].length() == 4 && groups[1].length() == 6) {
            return true;
        }
        for (int i = 0; i < groups.length - 1; i++) {
            if (groups[i].length() != 4) {
                return false;
            }
        }
        return groups[groups.length - 1].length() <= 4;
    }

    private static boolean overlaps(List<Finding> found, int s, int e) {
        for (Finding f : found) {
            if (s < f.end() && e > f.start()) {
                return true;
            }
        }
        return false;
    }

    private static void add(List<Finding> found, String kind, String rule, int s, int e, double score, String value) {
        if (!overlaps(found, s, e)) {
            found.add(new Finding(PII, kind, "pii." + rule + "@1", s, e, score, Fingerprints.of(value)));
        }
    }
}
