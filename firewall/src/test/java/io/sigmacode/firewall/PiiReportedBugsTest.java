package io.sigmacode.firewall;

import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cases of issue 10 "Bugs found when tried as a new user would", each next to the value it was confused with. */
class PiiReportedBugsTest {

    private static final FirewallEngine ENGINE = new FirewallEngine();
    private static final CompiledPolicy POLICY = ENGINE.compile(FirewallPolicyDocument.platformDefault());

    private static ScanResult pre(String text) {
        return ENGINE.scan(POLICY, Stage.PRE, text);
    }

    private static ScanResult post(String text) {
        return ENGINE.scan(POLICY, Stage.POST, text);
    }

    private static boolean hasKind(ScanResult r, String kind) {
        return r.findings().stream().anyMatch(f -> f.kind().equals(kind));
    }

    @Test
    void visaTestCardIsRedactedLikeTheStripeTestCard() {
        ScanResult visa = pre("Charge card 4111 1111 1111 1111 for the order.");
        ScanResult stripe = pre("Charge card 4242 4242 4242 4242 for the order.");
        assertEquals(Verdict.REDACT, visa.verdict());
        assertEquals("Charge card [CARD_1] for the order.", visa.redactedText());
        assertEquals(Verdict.REDACT, stripe.verdict());
    }

    @Test
    void cardOfOneRepeatedDigitIsNotACard() {
        assertFalse(hasKind(pre("filler 0000 0000 0000 0000 and 1111 1111 1111 1111"), "card"));
    }

    @Test
    void usNumberWithCountryCodeIsAPhoneNotAnNhsNumber() {
        ScanResult r = pre("Call me on +1 415 555 2671 tomorrow.");
        assertTrue(hasKind(r, "phone"));
        assertFalse(hasKind(r, "health_id"));
    }

    @Test
    void nhsNumberWithoutCountryCodeIsStillFound() {
        assertTrue(hasKind(pre("NHS number 943 476 5919 on the referral."), "health_id"));
    }

    @Test
    void epochSecondsAfterCreatedAtAreNotAnIdentifier() {
        ScanResult r = post("{\"id\": \"9c1e\", \"created_at\": 1705407629, \"answer\": \"Done.\"}");
        assertEquals(Verdict.ALLOW, r.verdict());
    }

    @Test
    void sameDigitsWithoutATimeKeyStillPassTheirChecksum() {
        assertTrue(hasKind(post("provider NPI 1705407629"), "health_id"));
    }

    @Test
    void workflowVersionTimestampIsNotAPhoneNumber() {
        ScanResult r = post("{\"version\": \"2024-01-16 12:20:29.101416\", \"status\": \"published\"}");
        assertEquals(Verdict.ALLOW, r.verdict());
    }

    @Test
    void phoneNumberNextToADateIsStillAPhoneNumber() {
        assertTrue(hasKind(pre("On 2024-01-16 call +44 20 7946 0958 about the contract."), "phone"));
    }
}
