package io.sigmacode.firewall;

import io.sigmacode.firewall.custom.CustomRuleScanner;
import io.sigmacode.kernel.firewall.CategoryAction;
import io.sigmacode.kernel.firewall.CustomRules;
import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.firewall.PhraseRule;
import io.sigmacode.kernel.firewall.RegexRule;
import io.sigmacode.kernel.firewall.ScanLimits;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.TopicRule;
import io.sigmacode.kernel.firewall.Verdict;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validates a policy document and turns it into a {@link CompiledPolicy}; every refusal names what is wrong. */
final class PolicyCompiler {

    private PolicyCompiler() {
    }

    static CompiledPolicy compile(FirewallPolicyDocument doc) {
        if (doc == null) {
            throw new InvalidPolicyException("policy document is missing");
        }
        int n = FirewallPolicyDocument.CATEGORIES.size();
        Verdict[][] actions = new Verdict[n][Stage.values().length];
        double[][] thresholds = new double[n][Stage.values().length];
        for (Verdict[] row : actions) {
            java.util.Arrays.fill(row, Verdict.ALLOW);
        }
        for (CategoryAction a : nonNull(doc.actions())) {
            if (a == null) {
                throw new InvalidPolicyException("actions: an entry is null");
            }
            int c = FirewallPolicyDocument.CATEGORIES.indexOf(a.category());
            if (c < 0) {
                throw new InvalidPolicyException("actions: unknown category '" + a.category() + "', expected one of "
                        + FirewallPolicyDocument.CATEGORIES);
            }
            if (a.stage() == null || a.action() == null) {
                throw new InvalidPolicyException("actions: category '" + a.category()
                        + "' needs a stage and an action");
            }
            if (!(a.threshold() >= 0.0 && a.threshold() <= 1.0)) {
                throw new InvalidPolicyException("actions: category '" + a.category() + "' at " + a.stage()
                        + " has threshold " + a.threshold() + ", expected a number from 0 to 1");
            }
            actions[c][a.stage().ordinal()] = a.action();
            thresholds[c][a.stage().ordinal()] = a.threshold();
        }
        CustomRules rules = doc.customRules() == null ? CustomRules.none() : normalise(doc.customRules());
        Map<String, Verdict> customActions = validateCustom(rules);
        CustomRuleScanner scanner;
        try {
            scanner = new CustomRuleScanner(rules);
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyException(e.getMessage(), e);
        }
        validateLimits(doc.limits());
        return new CompiledPolicy(doc, actions, thresholds, scanner, customActions);
    }

    private static CustomRules normalise(CustomRules r) {
        return new CustomRules(nonNull(r.phrases()), nonNull(r.regexes()), nonNull(r.topics()));
    }

    private static Map<String, Verdict> validateCustom(CustomRules rules) {
        Set<String> ids = new HashSet<>();
        Map<String, Verdict> actions = new HashMap<>();
        for (PhraseRule p : rules.phrases()) {
            String id = checkId(p == null ? null : p.id(), "phrase", ids);
            if (p.phrases() == null || p.phrases().isEmpty()
                    || p.phrases().stream().anyMatch(s -> s == null || s.isBlank())) {
                throw new InvalidPolicyException("custom phrase rule '" + id + "' needs at least one non-blank phrase");
            }
            put(actions, id, p.action());
        }
        for (RegexRule r : rules.regexes()) {
            String id = checkId(r == null ? null : r.id(), "regex", ids);
            if (r.pattern() == null || r.pattern().isEmpty()) {
                throw new InvalidPolicyException("custom regex rule '" + id + "' has no pattern");
            }
            put(actions, id, r.action());
        }
        for (TopicRule t : rules.topics()) {
            String id = checkId(t == null ? null : t.id(), "topic", ids);
            if (t.keywords() == null || t.keywords().isEmpty()
                    || t.keywords().stream().anyMatch(s -> s == null || s.isBlank())) {
                throw new InvalidPolicyException("custom topic rule '" + id + "' needs at least one non-blank keyword");
            }
            if (t.minHits() < 1 || t.minHits() > t.keywords().size()) {
                throw new InvalidPolicyException("custom topic rule '" + id + "' has minHits " + t.minHits()
                        + ", expected 1 to " + t.keywords().size());
            }
            put(actions, id, t.action());
        }
        return actions;
    }

    private static void put(Map<String, Verdict> actions, String id, Verdict v) {
        if (v != null) {
            actions.put("custom." + id + "@1", v);
        }
    }

    private static String checkId(String id, String type, Set<String> ids) {
        if (id == null || id.isBlank()) {
            throw new InvalidPolicyException("custom " + type + " rule without an id");
        }
        if (!ids.add(id)) {
            throw new InvalidPolicyException("custom rule id '" + id + "' is used twice");
        }
        return id;
    }

    private static void validateLimits(ScanLimits l) {
        if (l == null) {
            throw new InvalidPolicyException("limits are missing");
        }
        if (l.maxChars() <= 0) {
            throw new InvalidPolicyException("limits.maxChars must be positive, was " + l.maxChars());
        }
        if (l.timeBudgetMillis() <= 0) {
            throw new InvalidPolicyException("limits.timeBudgetMillis must be positive, was " + l.timeBudgetMillis());
        }
        if (l.failClosedAction() == null || l.failClosedAction() == Verdict.REDACT) {
            throw new InvalidPolicyException("limits.failClosedAction must be ALLOW, FLAG or BLOCK (a scan that did "
                    + "not finish cannot produce a redaction), was " + l.failClosedAction());
        }
    }

    private static <T> List<T> nonNull(List<T> l) {
        return l == null ? List.of() : l;
    }
}
