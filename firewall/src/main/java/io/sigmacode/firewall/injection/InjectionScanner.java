package io.sigmacode.firewall.injection;

import io.sigmacode.firewall.text.AnchorIndex;
import io.sigmacode.firewall.text.EncodedPayloads;
import io.sigmacode.firewall.text.NormalizedText;
import io.sigmacode.firewall.text.ScanInput;
import io.sigmacode.firewall.text.Scanner;
import io.sigmacode.firewall.text.Windows;
import io.sigmacode.kernel.firewall.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.sigmacode.kernel.firewall.FirewallPolicyDocument.PROMPT_INJECTION;

/**
 * Prompt injection, jailbreak and system-prompt extraction. Every matched signal becomes a finding; all findings of a
 * scan carry the same combined score {@code 1 - prod(1 - w)}, because the evidence is the text as a whole and a
 * threshold should be applied to that, not to one cue. The folded text, its leetspeak reading and any readable base64
 * or hex payload are all matched.
 */
public final class InjectionScanner implements Scanner {

    public static final String ID = "injection@1";
    private static final double ENCODED_WEIGHT = 0.35;
    private static final double ENCODED_INSTRUCTION_WEIGHT = 0.5;
    /** A readable encoded payload that tells the model to do something is smuggling, whatever it asks for. */
    private static final Pattern IMPERATIVE = Pattern.compile(
            "\\b(?:say|state|tell|respond|reply|print|write|output|reveal|ignore|forget|pretend|act as|send|give me"
                    + "|show)\\b");
    private static final double REPEAT_WEIGHT = 0.55;
    private static final int REPEAT_RUN = 12;
    /**
     * A cue that recurs adds evidence with halving weight (w, w/2, w/4): long persona templates repeat their framing,
     * while a benign prompt that happens to contain a cue once stays where a single match puts it.
     */
    private static final int MAX_REPEATS = 3;
    /** Longest span a rule can match around its anchor; the longest patterns allow about 200 characters of filler. */
    private static final int WINDOW = 280;

    private final List<InjectionRule> rules = InjectionRules.all();
    private final AnchorIndex anchors;
    private final int[] anchorLength;
    private final int[][] rulesOfAnchor;

    public InjectionScanner() {
        Map<String, List<Integer>> byAnchor = new LinkedHashMap<>();
        for (int r = 0; r < rules.size(); r++) {
            for (String a : rules.get(r).anchors()) {
                byAnchor.computeIfAbsent(a, k -> new ArrayList<>()).add(r);
            }
        }
        List<String> literals = new ArrayList<>(byAnchor.keySet());
        anchors = new AnchorIndex(literals);
        anchorLength = new int[literals.size()];
        rulesOfAnchor = new int[literals.size()][];
        for (int i = 0; i < literals.size(); i++) {
            anchorLength[i] = literals.get(i).length();
            rulesOfAnchor[i] = byAnchor.get(literals.get(i)).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void scan(ScanInput input, List<Finding> out) {
        NormalizedText norm = input.normalized();
        List<Hit> hits = new ArrayList<>();
        String folded = norm.folded();
        match(folded, norm, hits, input, -1, -1, null);
        String leet = norm.leetFolded();
        if (!leet.equals(folded)) {
            match(leet, norm, hits, input, -1, -1, changedPrefix(folded, leet));
        }
        for (EncodedPayloads.Payload p : input.payloads()) {
            int before = hits.size();
            String decoded = NormalizedText.of(p.decoded()).folded();
            match(decoded, null, hits, input, p.start(), p.end(), null);
            if (hits.size() == before && IMPERATIVE.matcher(decoded).find()) {
                hits.add(new Hit("encoded_instruction", PROMPT_INJECTION, ENCODED_INSTRUCTION_WEIGHT, p.start(),
                        p.end()));
            }
            if (hits.size() > before) {
                hits.add(new Hit("encoded_" + p.encoding(), PROMPT_INJECTION, ENCODED_WEIGHT, p.start(), p.end()));
            }
        }
        int[] run = RepeatedTokens.longestRun(folded, REPEAT_RUN);
        if (run != null) {
            hits.add(new Hit("repeated_token", PROMPT_INJECTION, REPEAT_WEIGHT, norm.originalIndex(run[0]),
                    norm.originalIndex(run[1])));
        }
        if (hits.isEmpty()) {
            return;
        }
        double keep = 1.0;
        for (Hit h : hits) {
            keep *= 1.0 - h.weight;
        }
        double score = Math.round((1.0 - keep) * 1000.0) / 1000.0;
        for (Hit h : hits) {
            out.add(new Finding(h.category, h.id, "injection." + h.id + "@1", h.start, h.end, score, null));
        }
    }

    /**
     * Runs every rule in windows around its anchors, found for all rules in one pass. {@code changed}, when given, is a
     * prefix count of positions where
     * this text differs from the folded text; windows without a change are skipped, since the folded pass covered them.
     */
    private void match(String text, NormalizedText map, List<Hit> hits, ScanInput input, int spanStart, int spanEnd,
            int[] changed) {
        Windows[] windows = new Windows[rules.size()];
        anchors.scan(text, 0, text.length(), (anchor, at) -> {
            int s = at - WINDOW;
            int e = at + anchorLength[anchor] + WINDOW;
            if (changed != null && changed[Math.min(text.length(), e)] - changed[Math.max(0, s)] == 0) {
                return;
            }
            for (int r : rulesOfAnchor[anchor]) {
                if (windows[r] == null) {
                    windows[r] = new Windows(text.length());
                }
                windows[r].add(s, e);
            }
        });
        for (int r = 0; r < windows.length; r++) {
            InjectionRule rule = rules.get(r);
            if (windows[r] == null || already(hits, rule.id())) {
                continue;
            }
            input.checkDeadline();
            Matcher m = rule.pattern().matcher(text);
            int found = 0;
            int s = -1;
            int e = -1;
            double keep = 1.0;
            for (int w = 0; w < windows[r].count() && found < MAX_REPEATS; w++) {
                windows[r].select(m, w);
                while (found < MAX_REPEATS && m.find()) {
                    if (found == 0) {
                        s = map == null ? spanStart : map.originalIndex(m.start());
                        e = map == null ? spanEnd : map.originalIndex(m.end());
                        keep = 1.0 - rule.weight();
                    } else {
                        keep *= 1.0 - rule.weight() / (2 << (found - 1));
                    }
                    found++;
                }
            }
            if (found > 0) {
                hits.add(new Hit(rule.id(), rule.category(), 1.0 - keep, s, e));
            }
        }
    }

    private static int[] changedPrefix(String a, String b) {
        int[] prefix = new int[a.length() + 1];
        for (int i = 0; i < a.length(); i++) {
            prefix[i + 1] = prefix[i] + (a.charAt(i) != b.charAt(i) ? 1 : 0);
        }
        return prefix;
    }

    private static boolean already(List<Hit> hits, String id) {
        for (Hit h : hits) {
            if (h.id.equals(id)) {
                return true;
            }
        }
        return false;
    }

    private record Hit(String id, String category, double weight, int start, int end) {
    }
}
