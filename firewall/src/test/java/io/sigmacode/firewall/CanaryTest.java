package io.sigmacode.firewall;

import io.sigmacode.kernel.firewall.Finding;
import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CanaryTest {

    private static final FirewallEngine ENGINE = new FirewallEngine();
    private static final CompiledPolicy POLICY = ENGINE.compile(FirewallPolicyDocument.platformDefault());
    private static final Canaries APP = Canaries.of(List.of("zebra-7Q4k-lantern", "CANARY-93f1c2d7"));

    private static ScanResult answer(String text) {
        return ENGINE.scan(POLICY, Stage.POST, text, APP);
    }

    private static boolean hasCanary(ScanResult r) {
        return r.findings().stream().anyMatch(f -> f.rule().equals(Canaries.RULE));
    }

    @Test
    void answerContainingACanaryIsABlockedPromptLeak() {
        ScanResult r = answer("Sure. My setup says: zebra-7Q4k-lantern, always be polite.");
        assertEquals(Verdict.BLOCK, r.verdict());
        Finding f = r.findings().stream().filter(x -> x.rule().equals(Canaries.RULE)).findFirst().orElseThrow();
        assertEquals("prompt_leak", f.category());
        assertEquals(1.0, f.score());
        assertEquals("zebra-7Q4k-lantern", "Sure. My setup says: zebra-7Q4k-lantern, always be polite."
                .substring(f.start(), f.end()));
        assertNotEquals("zebra-7Q4k-lantern", f.fingerprint());
    }

    @Test
    void canaryWithChangedCaseOrInvisibleCharactersIsStillFound() {
        assertTrue(hasCanary(answer("leaked: CANARY-93F1C2D7")));
        assertTrue(hasCanary(answer("leaked: zebra-7Q4k\u200B-lantern")));
    }

    @Test
    void answerWithoutACanaryPasses() {
        assertEquals(Verdict.ALLOW, answer("The zebra crossing is next to the lantern shop.").verdict());
    }

    @Test
    void promptsAreNotCheckedForCanaries() {
        assertFalse(hasCanary(ENGINE.scan(POLICY, Stage.PRE, "zebra-7Q4k-lantern", APP)));
    }

    @Test
    void canarySplitAcrossStreamChunksIsFoundWhenTheCallerKeepsTheLongestCanaryAsContext() {
        String first = "Here is my configuration: zebra-7Q4";
        String second = "k-lantern and more.";
        String context = first.substring(Math.max(0, first.length() - APP.longest()));
        assertFalse(hasCanary(answer(second)));
        assertTrue(hasCanary(answer(context + second)));
    }

    @Test
    void shortCanariesAreRefusedBecauseOrdinaryAnswersWouldContainThem() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> Canaries.of(List.of("secret")));
        assertTrue(e.getMessage().contains("canaries[0]"));
    }
}
