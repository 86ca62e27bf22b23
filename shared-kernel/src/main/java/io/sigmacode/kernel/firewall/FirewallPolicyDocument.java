package io.sigmacode.kernel.firewall;

import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's firewall policy as stored in events. Plain data only: the engine compiles it, so a document that was
 * valid when published can always be replayed.
 */
public record FirewallPolicyDocument(
        int version,
        List<CategoryAction> actions,
        CustomRules customRules,
        boolean maskAndRestore,
        ScanLimits limits) {

    public static final String PROMPT_INJECTION = "prompt_injection";
    public static final String JAILBREAK = "jailbreak";
    public static final String PROMPT_LEAK = "prompt_leak";
    public static final String SECRET = "secret";
    public static final String PII = "pii";
    public static final String CUSTOM = "custom";

    public static final List<String> CATEGORIES = List.of(PROMPT_INJECTION, JAILBREAK, PROMPT_LEAK, SECRET, PII, CUSTOM);

    /**
     * Blocks attacks and secrets on the way in, masks personal data in prompts, and on the way out masks leaked
     * personal data and blocks leaked secrets or system prompts.
     */
    public static FirewallPolicyDocument platformDefault() {
        List<CategoryAction> actions = new ArrayList<>();
        actions.add(new CategoryAction(PROMPT_INJECTION, Stage.PRE, Verdict.BLOCK, 0.5));
        actions.add(new CategoryAction(JAILBREAK, Stage.PRE, Verdict.BLOCK, 0.5));
        actions.add(new CategoryAction(PROMPT_LEAK, Stage.PRE, Verdict.BLOCK, 0.5));
        actions.add(new CategoryAction(SECRET, Stage.PRE, Verdict.BLOCK, 0.5));
        actions.add(new CategoryAction(PII, Stage.PRE, Verdict.REDACT, 0.5));
        actions.add(new CategoryAction(CUSTOM, Stage.PRE, Verdict.BLOCK, 0.0));
        actions.add(new CategoryAction(PROMPT_INJECTION, Stage.POST, Verdict.FLAG, 0.5));
        actions.add(new CategoryAction(JAILBREAK, Stage.POST, Verdict.FLAG, 0.5));
        actions.add(new CategoryAction(PROMPT_LEAK, Stage.POST, Verdict.BLOCK, 0.5));
        actions.add(new CategoryAction(SECRET, Stage.POST, Verdict.BLOCK, 0.5));
        actions.add(new CategoryAction(PII, Stage.POST, Verdict.REDACT, 0.5));
        actions.add(new CategoryAction(CUSTOM, Stage.POST, Verdict.BLOCK, 0.0));
        return new FirewallPolicyDocument(1, List.copyOf(actions), CustomRules.none(), false, ScanLimits.defaults());
    }
}
