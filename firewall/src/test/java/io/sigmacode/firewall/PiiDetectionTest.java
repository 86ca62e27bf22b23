package io.sigmacode.firewall;

import io.sigmacode.kernel.firewall.Finding;
import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;
import org.apache.commons.validator.routines.checkdigit.CheckDigitException;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;
import org.apache.commons.validator.routines.checkdigit.VerhoeffCheckDigit;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PiiDetectionTest {

    private static final FirewallEngine ENGINE = new FirewallEngine();
    private static final CompiledPolicy POLICY = ENGINE.compile(FirewallPolicyDocument.platformDefault());

    private static ScanResult pre(String text) {
        return ENGINE.scan(POLICY, Stage.PRE, text);
    }

    private static boolean hasKind(ScanResult r, String kind) {
        return r.findings().stream().anyMatch(f -> f.category().equals("pii") && f.kind().equals(kind));
    }

    @Test
    void validIbanIsFoundAndFingerprinted() {
        ScanResult r = pre("Please wire it to DE89 3704 0044 0532 0130 00 today.");
        Finding f = r.findings().get(0);
        assertEquals("iban", f.kind());
        assertEquals(16, f.fingerprint().length());
        assertFalse(f.toString().contains("3704"));
    }

    @Test
    void ibanWithBadChecksumPasses() {
        assertFalse(hasKind(pre("Please wire it to DE88 3704 0044 0532 0130 00 today."), "iban"));
    }

    @Test
    void luhnValidCardIsFound() throws CheckDigitException {
        String base = "453914880343646";
        String card = base + LuhnCheckDigit.LUHN_CHECK_DIGIT.calculate(base);
        assertTrue(hasKind(pre("card " + card + " exp 12/29"), "card"));
    }

    @Test
    void cardFailingLuhnPasses() throws CheckDigitException {
        String base = "453914880343646";
        int wrong = (Integer.parseInt(LuhnCheckDigit.LUHN_CHECK_DIGIT.calculate(base)) + 1) % 10;
        assertFalse(hasKind(pre("card " + base + wrong + " exp 12/29"), "card"));
    }

    @Test
    void emailIsRedactedWithATypedPlaceholder() {
        ScanResult r = pre("Write to jane.doe@example.com or jane.doe@example.com again.");
        assertEquals(Verdict.REDACT, r.verdict());
        assertEquals("Write to [EMAIL_1] or [EMAIL_1] again.", r.redactedText());
    }

    @Test
    void emailWithUnknownTopLevelDomainPasses() {
        assertFalse(hasKind(pre("user@host.invalidtld"), "email"));
    }

    @Test
    void internationalPhoneIsValidatedByLibphonenumber() {
        assertTrue(hasKind(pre("Call me on +1 650-253-0000 tomorrow."), "phone"));
    }

    @Test
    void phoneLikeNumberThatNoRegionAcceptsPasses() {
        assertFalse(hasKind(pre("Call me on +1 111-111-1111 tomorrow."), "phone"));
    }

    @Test
    void usSsnFollowingIssuanceRulesIsFound() {
        assertTrue(hasKind(pre("SSN 536-22-1234"), "national_id"));
    }

    @Test
    void usSsnInAreaSixSixSixPasses() {
        assertFalse(hasKind(pre("SSN 666-22-1234"), "national_id"));
    }

    @Test
    void ukNinoIsFound() {
        assertTrue(hasKind(pre("NI number AB 12 34 56 C"), "national_id"));
    }

    @Test
    void spanishDniWithCorrectLetterIsFoundAndWrongLetterPasses() {
        assertTrue(hasKind(pre("DNI 12345678Z"), "national_id"));
        assertFalse(hasKind(pre("DNI 12345678A"), "national_id"));
    }

    @Test
    void aadhaarWithVerhoeffCheckDigitIsFound() throws CheckDigitException {
        String base = "23412341234";
        String valid = base + VerhoeffCheckDigit.VERHOEFF_CHECK_DIGIT.calculate(base);
        assertTrue(hasKind(pre("Aadhaar " + valid.substring(0, 4) + " " + valid.substring(4, 8) + " "
                + valid.substring(8)), "national_id"));
    }

    @Test
    void germanTaxIdWithValidCheckDigitIsFound() {
        assertTrue(hasKind(pre("Steuer-ID 86095742719"), "tax_id"));
    }

    @Test
    void ipv4AndIpv6AreFoundButOutOfRangeOctetsPass() {
        assertTrue(hasKind(pre("from 192.168.1.20"), "ip"));
        assertTrue(hasKind(pre("from 2001:db8::8a2e:370:7334"), "ip"));
        assertFalse(hasKind(pre("from 300.168.1.1"), "ip"));
    }

    @Test
    void ordinaryProsePasses() {
        ScanResult r = pre("In 1969, 3 astronauts flew 384400 km to the Moon; the mission lasted 8 days.");
        assertEquals(Verdict.ALLOW, r.verdict());
        assertNull(r.redactedText());
    }
}
