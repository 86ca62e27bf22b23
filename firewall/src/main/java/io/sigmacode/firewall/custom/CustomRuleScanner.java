package io.sigmacode.firewall.custom;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.sigmacode.firewall.text.Fingerprints;
import io.sigmacode.firewall.text.NormalizedText;
import io.sigmacode.firewall.text.ScanInput;
import io.sigmacode.firewall.text.Scanner;
import io.sigmacode.kernel.firewall.CustomRules;
import io.sigmacode.kernel.firewall.Finding;
import io.sigmacode.kernel.firewall.PhraseRule;
import io.sigmacode.kernel.firewall.RegexRule;
import io.sigmacode.kernel.firewall.TopicRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.sigmacode.kernel.firewall.FirewallPolicyDocument.CUSTOM;

/**
 * A tenant's own rules. Regular expressions run through RE2/J, which guarantees time linear in the text whatever a
 * tenant writes; each rule keeps its own small program because RE2/J's fast bit-state engine only applies to small
 * programs, which a joined alternation of all rules would not be. Phrases and topic keywords are matched on the folded
 * text so that case, homoglyphs and invisible characters do not evade them.
 */
public final class CustomRuleScanner implements Scanner {

    public static final String ID = "custom@1";

    private final List<Phrase> phrases = new ArrayList<>();
    private final List<Topic> topics = new ArrayList<>();
    private final List<String> regexIds = new ArrayList<>();
    private final List<Pattern> regexes = new ArrayList<>();
    private final List<RequiredLiterals> prefilters = new ArrayList<>();
    private boolean anyCaseInsensitive;

    private record Phrase(String ruleId, String folded) {
    }

    private record Topic(String ruleId, List<String> keywords, int minHits) {
    }

    /** Compiles the rules; throws IllegalArgumentException naming the first rule that does not compile. */
    public CustomRuleScanner(CustomRules rules) {
        for (PhraseRule r : rules.phrases()) {
            for (String p : r.phrases()) {
                phrases.add(new Phrase(r.id(), NormalizedText.of(p.trim()).folded()));
            }
        }
        for (TopicRule t : rules.topics()) {
            List<String> kws = new ArrayList<>();
            for (String k : t.keywords()) {
                kws.add(NormalizedText.of(k.trim()).folded());
            }
            topics.add(new Topic(t.id(), kws, t.minHits()));
        }
        for (RegexRule r : rules.regexes()) {
            Pattern p;
            try {
                p = Pattern.compile(r.pattern());
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("custom regex rule '" + r.id() + "' is not valid RE2 syntax: "
                        + e.getDescription(), e);
            }
            if (p.matches("")) {
                throw new IllegalArgumentException("custom regex rule '" + r.id() + "' matches the empty string");
            }
            regexIds.add(r.id());
            regexes.add(p);
            RequiredLiterals literals = RequiredLiterals.of(r.pattern());
            prefilters.add(literals);
            anyCaseInsensitive |= literals.caseInsensitive();
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void scan(ScanInput input, List<Finding> out) {
        if (!phrases.isEmpty() || !topics.isEmpty()) {
            NormalizedText norm = input.normalized();
            matchPhrases(norm, out);
            input.checkDeadline();
            matchTopics(norm, out);
        }
        String text = input.text();
        String lower = anyCaseInsensitive ? text.toLowerCase(Locale.ROOT) : text;
        for (int i = 0; i < regexes.size(); i++) {
            if (!prefilters.get(i).mayMatch(text, lower)) {
                continue;
            }
            input.checkDeadline();
            Matcher m = regexes.get(i).matcher(text);
            if (m.find()) {
                out.add(finding("regex", regexIds.get(i), m.start(), m.end(), m.group()));
            }
        }
    }

    private void matchPhrases(NormalizedText norm, List<Finding> out) {
        String text = norm.folded();
        for (Phrase p : phrases) {
            int at = indexOfWord(text, p.folded, 0);
            if (at >= 0) {
                int s = norm.originalIndex(at);
                int e = norm.originalIndex(at + p.folded.length());
                out.add(finding("phrase", p.ruleId, s, e, norm.original().substring(s, e)));
            }
        }
    }

    private void matchTopics(NormalizedText norm, List<Finding> out) {
        String text = norm.folded();
        for (Topic t : topics) {
            int hits = 0;
            int first = -1;
            int firstEnd = -1;
            for (String k : t.keywords) {
                int at = indexOfWord(text, k, 0);
                if (at >= 0) {
                    hits++;
                    if (first < 0 || at < first) {
                        first = at;
                        firstEnd = at + k.length();
                    }
                }
            }
            if (hits >= t.minHits) {
                int s = norm.originalIndex(first);
                int e = norm.originalIndex(firstEnd);
                out.add(finding("topic", t.ruleId, s, e, t.ruleId.toLowerCase(Locale.ROOT)));
            }
        }
    }

    private static Finding finding(String kind, String ruleId, int s, int e, String value) {
        return new Finding(CUSTOM, kind, "custom." + ruleId + "@1", s, e, 1.0, Fingerprints.of(value));
    }

    static int indexOfWord(String text, String word, int from) {
        if (word.isEmpty()) {
            return -1;
        }
        int at = text.indexOf(word, from);
        while (at >= 0) {
            boolean left = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1))
                    || !Character.isLetterOrDigit(word.charAt(0));
            int end = at + word.length();
            boolean right = end == text.length() || !Character.isLetterOrDigit(text.charAt(end))
                    || !Character.isLetterOrDigit(word.charAt(word.length() - 1));
            if (left && right) {
                return at;
            }
            at = text.indexOf(word, at + 1);
        }
        return -1;
    }
}
