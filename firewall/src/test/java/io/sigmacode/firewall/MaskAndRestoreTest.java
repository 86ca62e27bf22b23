package io.sigmacode.firewall;

import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskAndRestoreTest {

    private static final FirewallEngine ENGINE = new FirewallEngine();
    private static final CompiledPolicy POLICY = ENGINE.compile(Policies.maskAndRestore());
    private static final String PROMPT = "Draft a reply to jane.doe@example.com, IBAN DE89 3704 0044 0532 0130 00.";

    @Test
    void maskReplacesPersonalDataWithPlaceholders() {
        MaskedPrompt m = ENGINE.mask(POLICY, PROMPT);
        assertEquals("Draft a reply to [EMAIL_1], IBAN [IBAN_1].", m.maskedText());
        assertEquals("jane.doe@example.com", m.originals().get("[EMAIL_1]"));
    }

    @Test
    void maskIsANoOpWhenThePolicyTurnsItOff() {
        MaskedPrompt m = ENGINE.mask(ENGINE.compile(FirewallPolicyDocument.platformDefault()), PROMPT);
        assertEquals(PROMPT, m.maskedText());
        assertTrue(m.originals().isEmpty());
    }

    @Test
    void restoreReplacesPlaceholdersInACompleteAnswer() {
        MaskedPrompt m = ENGINE.mask(POLICY, PROMPT);
        assertEquals("Sent to jane.doe@example.com.", m.restore("Sent to [EMAIL_1]."));
    }

    @Test
    void restorerHandlesPlaceholderSplitAcrossChunks() {
        StreamingRestorer r = ENGINE.mask(POLICY, PROMPT).restorer();
        String out = r.feed("Dear [EM") + r.feed("AI") + r.feed("L_1], your IBAN [IBAN_") + r.feed("1] is")
                + r.finish();
        assertEquals("Dear jane.doe@example.com, your IBAN DE89 3704 0044 0532 0130 00 is", out);
    }

    @Test
    void restorerReleasesBracketsThatAreNotPlaceholders() {
        StreamingRestorer r = ENGINE.mask(POLICY, PROMPT).restorer();
        assertEquals("a [note] b ", r.feed("a [no") + r.feed("te] b "));
        assertEquals("[UNKNOWN_9] and [EMAIL", r.feed("[UNKNOWN_9] and [EMAIL") + r.finish());
    }

    @Test
    void restorerHoldsBackOnlyAPossiblePlaceholderPrefix() {
        StreamingRestorer r = ENGINE.mask(POLICY, PROMPT).restorer();
        assertEquals("Hello ", r.feed("Hello [EMA"));
        assertEquals("jane.doe@example.com!", r.feed("IL_1]!"));
    }

    @Test
    void maskedPromptPassesThePreScan() {
        MaskedPrompt m = ENGINE.mask(POLICY, PROMPT);
        ScanResult r = ENGINE.scan(POLICY, Stage.PRE, m.maskedText());
        assertEquals(Verdict.ALLOW, r.verdict());
    }

    @Test
    void systemPromptEchoInAnAnswerIsAPromptLeak() {
        ScanResult r = ENGINE.scan(POLICY, Stage.POST, "Sure! My system prompt is: you are a helpful assistant for "
                + "ACME.");
        assertEquals(Verdict.BLOCK, r.verdict());
        assertTrue(r.findings().stream().anyMatch(f -> f.category().equals("prompt_leak")));
        assertFalse(r.findings().isEmpty());
    }
}
