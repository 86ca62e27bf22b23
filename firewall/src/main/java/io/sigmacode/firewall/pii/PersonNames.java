package io.sigmacode.firewall.pii;

import io.sigmacode.firewall.text.AnchorIndex;
import io.sigmacode.firewall.text.NormalizedText;
import io.sigmacode.firewall.text.Windows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Person names without a language model: a name right after a word that introduces one ({@code my name is},
 * {@code Herr}, {@code Sehr geehrte Frau}, {@code je m'appelle}, {@code Dear}, a letter's closing), or a common given
 * name followed by a capitalised word. Cue words come first because they carry the evidence, as presidio's context
 * words do; the gazetteers of common given names and surnames score names that stand without a cue, low unless the
 * same text holds other personal data (a name beside an address or phone number is a contact record).
 */
final class PersonNames {

    static final double CUE_STRONG = 0.85;
    static final double CUE_WEAK = 0.7;
    /**
     * Gazetteer matches alone stay below the default threshold: answers name public figures and characters ("Albert
     * Einstein", "Walter White") far more often than private persons. Next to other personal data they are raised
     * by {@link #BESIDE_PERSONAL_DATA}.
     */
    static final double FULL_NAME = 0.45;
    static final double GIVEN_AND_CAPITALISED = 0.4;
    static final double GIVEN_ALONE = 0.3;
    static final double BESIDE_PERSONAL_DATA = 0.25;
    /** Cue phrases are matched from their distinctive part ("name is"), whose lead words come before it. */
    private static final int CUE_BEFORE = 24;
    private static final int CUE_AFTER = 80;
    private static final int ADDRESS_CUE = -1;

    private static final String PARTICLE = "(?:van|von|de|der|den|da|di|del|della|la|le|du|dos|bin|al|zu|ten|ter)";
    private static final String CAP_WORD = "\\p{Lu}[\\p{L}'’-]*\\p{L}";
    private static final String NAME = CAP_WORD + "(?:[ \\t]+(?:" + PARTICLE + "[ \\t]+)?" + CAP_WORD + "){0,2}";
    private static final String ANY_NAME = "\\p{L}[\\p{L}'’-]*\\p{L}(?:[ \\t]+(?:" + PARTICLE + "[ \\t]+)?"
            + CAP_WORD + "){0,2}";

    /** One family of cue words: the literals that gate it (folded) and the pattern whose group 1 is the name. */
    private record Cue(List<String> literals, Pattern pattern, double score) {
    }

    private static final List<Cue> CUES = List.of(
            new Cue(List.of("my name", "name is", "i am called", "i'm called", "mein name", "ich heiße", "ich heisse",
                    "je m'appelle", "me llamo", "mi nombre", "mi chiamo", "il mio nome"),
                    Pattern.compile("(?iu:my name is|my name's|(?:his|her|their|maiden|full|last|first) name is"
                            + "|i am called|i'm called|mein name ist|ich heiße|ich heisse|je m'appelle|me llamo"
                            + "|mi nombre es|mi chiamo|il mio nome è)[ \\t]+(" + ANY_NAME + ")"), CUE_STRONG),
            new Cue(List.of("mr ", "mr.", "mrs", "ms ", "ms.", "miss ", "mx ", "mx.", "dr ", "dr.", "prof", "herr",
                    "frau", "monsieur", "madame", "mme", "m. ", "señor", "señora", "sr ", "sr.", "sra", "signor", "sig",
                    "dott"),
                    Pattern.compile("\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herr|Herrn|Frau|Monsieur|Madame|Mme|M\\.|Señor"
                            + "|Señora|Sr|Sra|Signor|Signora|Sig|Dott|Dr\\. med)\\.?[ \\t]+"
                            + "(?:(?:Dr|Prof)\\.?[ \\t]+)?("
                            + NAME + ")"), CUE_STRONG),
            new Cue(List.of("name:", "vorname", "nachname", "full name", "patient:", "kunde:", "customer:",
                    "contact:", "ansprechpartner"),
                    Pattern.compile("(?iu:name|vorname|nachname|full name|patient|kunde|customer|contact"
                            + "|ansprechpartner(?:in)?)[ \\t]*:[ \\t]*(" + NAME + ")"), CUE_STRONG),
            new Cue(List.of("dear", "liebe", "sehr geehrte", "hallo", "hello", "hi ", "hey", "bonjour", "hola", "ciao",
                    "buongiorno"),
                    Pattern.compile("(?iu:dear|liebe|lieber|sehr geehrte|sehr geehrter|hallo|hello|hi|hey|bonjour"
                            + "|hola|ciao|buongiorno)[ \\t]+(?:(?:Frau|Herr|Mr|Mrs|Ms|Dr)\\.?[ \\t]+)?(" + NAME
                            + ")[ \\t]*[,!\\n]"), CUE_WEAK),
            new Cue(List.of("regards", "sincerely", "grüße", "gruß", "cordialement", "saludos", "saluti", "cheers"),
                    Pattern.compile("(?iu:regards|sincerely|grüße|gruß|cordialement|saludos|saluti|cheers)"
                            + ",?[ \\t]*\\n"
                            + "[ \\t]*(" + NAME + ")"), CUE_WEAK),
            new Cue(List.of("i'm", "i am "),
                    Pattern.compile("\\b(?:I'm|I am)[ \\t]+(" + CAP_WORD + "[ \\t]+" + CAP_WORD + ")"), CUE_WEAK),
            new Cue(List.of("speak to", "speak with", "talk to", "ask for", "signed", "unterschrieben", "born",
                    "geboren"),
                    Pattern.compile("(?iu:speak to|speak with|talk to|ask for|signed by|unterschrieben von"
                            + "|born as|geboren als)[ \\t]+(" + NAME + ")"), CUE_WEAK));

    /**
     * Words that follow a cue without being a name: greetings after "Customer:" ("Customer: Hi there"), "Hello
     * World", "Dear all".
     */
    private static final Set<String> NOT_NAMES = Set.of("hi", "hello", "hey", "there", "yeah", "yes", "no", "ok",
            "okay", "world", "everyone", "everybody", "all", "team", "guys", "folks", "sir", "madam", "thanks", "thank",
            "please", "sorry", "welcome", "the", "a", "an", "i", "i'm", "we", "you", "it", "this", "that", "customer",
            "friend", "friends", "colleagues", "hallo", "alle", "zusammen", "kollegen", "danke", "bitte", "ja", "nein");

    private final Gazetteer given = Gazetteer.load("given-names.txt");
    private final Gazetteer surnames = Gazetteer.load("surnames.txt");
    private final AnchorIndex cueIndex;
    private final int[] cueOfLiteral;
    private final int[] literalLength;

    PersonNames() {
        List<String> literals = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int c = 0; c < CUES.size(); c++) {
            for (String l : CUES.get(c).literals()) {
                literals.add(l);
                owners.add(c);
            }
        }
        for (String l : AddressBlocks.CUES) {
            literals.add(l);
            owners.add(ADDRESS_CUE);
        }
        cueIndex = new AnchorIndex(literals);
        cueOfLiteral = owners.stream().mapToInt(Integer::intValue).toArray();
        literalLength = literals.stream().mapToInt(String::length).toArray();
    }

    /**
     * Where the cue words of names and of addresses stand, found in one pass over the folded text (both lists are
     * looked up at word starts, and a pass costs about as much as the rules it gates).
     */
    static final class Cues {
        private final Windows[] names = new Windows[CUES.size()];
        private int[] addresses = new int[8];
        private int addressCount;

        /** Original-text positions right after each address cue word, in text order. */
        int[] addresses() {
            return Arrays.copyOf(addresses, addressCount);
        }
    }

    Cues cues(NormalizedText norm) {
        int length = norm.original().length();
        Cues cues = new Cues();
        cueIndex.scanWordStarts(norm.folded(), (literal, at) -> {
            int c = cueOfLiteral[literal];
            int o = norm.originalIndex(at);
            if (c == ADDRESS_CUE) {
                if (cues.addressCount == cues.addresses.length) {
                    cues.addresses = Arrays.copyOf(cues.addresses, cues.addressCount * 2);
                }
                cues.addresses[cues.addressCount++] = norm.originalIndex(at + literalLength[literal] - 1) + 1;
                return;
            }
            if (cues.names[c] == null) {
                cues.names[c] = new Windows(length);
            }
            cues.names[c].add(o - CUE_BEFORE, o + CUE_AFTER);
        });
        return cues;
    }

    /** Receives one name: its span and score. */
    interface Sink {
        void accept(int start, int end, double score);
    }

    void find(NormalizedText norm, Cues cues, Sink sink) {
        String text = norm.original();
        Windows[] windows = cues.names;
        for (int c = 0; c < CUES.size(); c++) {
            if (windows[c] != null) {
                double score = CUES.get(c).score();
                windows[c].forEachMatch(CUES.get(c).pattern(), text, m -> {
                    if (!NOT_NAMES.contains(firstWord(m.group(1)))) {
                        sink.accept(m.start(1), m.end(1), score);
                    }
                });
            }
        }
        NameConstructions.find(text, given, (s, e) -> sink.accept(s, e, CUE_WEAK));
        gazetteer(text, sink);
    }

    /** Capitalised words found in the given-name list, scored by what follows them. */
    private void gazetteer(String text, Sink sink) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!Character.isUpperCase(c) || (i > 0 && Character.isLetter(text.charAt(i - 1)))) {
                i++;
                continue;
            }
            int end = wordEnd(text, i);
            if (end - i >= 2 && given.contains(text.substring(i, end))) {
                int next = end < n && text.charAt(end) == ' ' ? end + 1 : -1;
                boolean capitalised = next > 0 && next < n && Character.isUpperCase(text.charAt(next));
                int nextEnd = capitalised ? wordEnd(text, next) : -1;
                if (nextEnd - next >= 2) {
                    boolean known = surnames.contains(text.substring(next, nextEnd));
                    sink.accept(i, nextEnd, known ? FULL_NAME : GIVEN_AND_CAPITALISED);
                    i = nextEnd;
                    continue;
                }
                sink.accept(i, end, GIVEN_ALONE);
            }
            i = end;
        }
    }

    private static String firstWord(String name) {
        int e = 0;
        while (e < name.length() && (Character.isLetter(name.charAt(e)) || name.charAt(e) == '\'')) {
            e++;
        }
        return name.substring(0, e).toLowerCase(Locale.ROOT);
    }

    private static int wordEnd(String text, int start) {
        int e = start;
        while (e < text.length() && (Character.isLetter(text.charAt(e)) || text.charAt(e) == '-')) {
            e++;
        }
        return e;
    }
}
