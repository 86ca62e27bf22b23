package io.sigmacode.firewall;

import io.sigmacode.firewall.custom.CustomRuleScanner;
import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.firewall.ScanLimits;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;

import java.util.Map;

/** A validated policy in the form the scan loop reads: an action table indexed by category and stage. */
public final class CompiledPolicy {

    private final FirewallPolicyDocument document;
    private final Verdict[][] actions;
    private final double[][] thresholds;
    private final CustomRuleScanner custom;
    private final Map<String, Verdict> customActions;

    CompiledPolicy(FirewallPolicyDocument document, Verdict[][] actions, double[][] thresholds,
                   CustomRuleScanner custom, Map<String, Verdict> customActions) {
        this.document = document;
        this.actions = actions;
        this.thresholds = thresholds;
        this.custom = custom;
        this.customActions = customActions;
    }

    public FirewallPolicyDocument document() {
        return document;
    }

    ScanLimits limits() {
        return document.limits();
    }

    Verdict action(int category, Stage stage) {
        return actions[category][stage.ordinal()];
    }

    double threshold(int category, Stage stage) {
        return thresholds[category][stage.ordinal()];
    }

    boolean active(int category, Stage stage) {
        return actions[category][stage.ordinal()] != Verdict.ALLOW;
    }

    CustomRuleScanner custom() {
        return custom;
    }

    /** The action of one custom rule, keyed by the finding's rule string; null when the rule has none of its own. */
    Verdict customAction(String findingRule) {
        return customActions.get(findingRule);
    }
}
