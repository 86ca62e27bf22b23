package io.sigmacode.firewall;

import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.firewall.Stage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Identifier formats with their check rules, each next to a look-alike that must pass. */
class PiiFormatsTest {

    private static final FirewallEngine ENGINE = new FirewallEngine();
    private static final CompiledPolicy POLICY = ENGINE.compile(FirewallPolicyDocument.platformDefault());

    private static boolean hasRule(String text, String rule) {
        return ENGINE.scan(POLICY, Stage.PRE, text).findings().stream().anyMatch(f -> f.rule().equals(rule));
    }

    private static boolean hasKind(String text, String kind) {
        return ENGINE.scan(POLICY, Stage.PRE, text).findings().stream().anyMatch(f -> f.kind().equals(kind));
    }

    @Test
    void ibanFollowedByAWordIsFound() {
        assertTrue(hasKind("pay to DE89 3704 0044 0532 0130 00 X please", "iban"));
    }

    @Test
    void ibanWithBadChecksumFollowedByAWordPasses() {
        assertFalse(hasKind("pay to DE88 3704 0044 0532 0130 00 X please", "iban"));
    }

    @Test
    void cardDigitsContinuingAGroupedCodeAreNotACard() {
        assertFalse(hasKind("ref AB12 4539 1488 0343 6467", "card"));
    }

    @Test
    void cardAfterAWordIsStillACard() {
        assertTrue(hasKind("card 4539 1488 0343 6467", "card"));
    }

    @Test
    void numberEndingInASingleDigitGroupIsNotAPhone() {
        assertFalse(hasKind("ref 2123 25870 1", "phone"));
    }

    @Test
    void nanpNumberInUsualGroupsIsAPhone() {
        assertTrue(hasKind("ring 212 325 8701", "phone"));
    }

    @Test
    void turkishMobileWithoutTrunkPrefixIsAPhone() {
        assertTrue(hasKind("numaram 535 412 87 90", "phone"));
    }

    @Test
    void turkishGroupingOutsideTheMobileRangeIsNotAPhone() {
        assertFalse(hasKind("kod 135 412 87 90", "phone"));
    }

    @Test
    void germanPensionInsuranceNumberWithValidCheckDigitIsFound() {
        assertTrue(hasRule("RVNR 12150385M047", "pii.de_rvnr@1"));
    }

    @Test
    void germanPensionInsuranceNumberWithWrongCheckDigitPasses() {
        assertFalse(hasRule("RVNR 12150385M048", "pii.de_rvnr@1"));
    }

    @Test
    void spanishDniWithSevenDigitsIsFound() {
        assertTrue(hasRule("DNI 7654321J", "pii.es_dni@1"));
    }

    @Test
    void spanishDniWithSevenDigitsAndWrongLetterPasses() {
        assertFalse(hasRule("DNI 7654321K", "pii.es_dni@1"));
    }

    @Test
    void hyphenatedNpiIsFound() {
        assertTrue(hasRule("NPI 1987-654-328", "pii.us_npi@1"));
    }

    @Test
    void hyphenatedNpiFailingLuhnPasses() {
        assertFalse(hasRule("NPI 1987-654-329", "pii.us_npi@1"));
    }

    @Test
    void koreanForeignerRegistrationNumberIsFound() {
        assertTrue(hasRule("FRN 8503176123450", "pii.kr_rrn@1"));
    }

    @Test
    void koreanForeignerRegistrationNumberWithWrongCheckDigitPasses() {
        assertFalse(hasRule("FRN 8503176123451", "pii.kr_rrn@1"));
    }

    @Test
    void italianLicenceIsFound() {
        assertTrue(hasRule("patente U1A23B456Z", "pii.it_patente@1"));
    }

    @Test
    void italianLicenceShapeWithoutLettersInTheBodyPasses() {
        assertFalse(hasRule("code U11234567Z", "pii.it_patente@1"));
    }

    @Test
    void itinWithMixedSeparatorsIsFound() {
        assertTrue(hasRule("ITIN 912-71 2345", "pii.us_itin@1"));
    }

    @Test
    void itinWithInvalidGroupPasses() {
        assertFalse(hasRule("ITIN 912-41 2345", "pii.us_itin@1"));
    }

    @Test
    void numberNamedAsAnSsnIsFound() {
        assertTrue(hasRule("my SSN is 536221234", "pii.context_national_id@1"));
    }

    @Test
    void numberNamedAsAnSsnMustStillFollowTheIssuanceRules() {
        assertFalse(hasKind("my SSN is 666221234", "national_id"));
    }

    @Test
    void ssnMentionWithoutANumberPasses() {
        assertFalse(hasKind("the SSN field holds 9 digits, see form 1040", "national_id"));
    }

    @Test
    void licenceNamedInItalianIsFound() {
        assertTrue(hasRule("numero patente: MI2345678K", "pii.context_driver_license@1"));
    }

    @Test
    void italianWordPatenteBeforeAYearPasses() {
        assertFalse(hasKind("la patente presa nel 98", "driver_license"));
    }
}
