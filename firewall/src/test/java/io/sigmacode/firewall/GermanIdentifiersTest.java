package io.sigmacode.firewall;

import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.firewall.Stage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** German identifiers as German customers write them, each next to a variant with a wrong check digit. */
class GermanIdentifiersTest {

    private static final FirewallEngine ENGINE = new FirewallEngine();
    private static final CompiledPolicy POLICY = ENGINE.compile(FirewallPolicyDocument.platformDefault());

    private static boolean hasKind(String text, String kind) {
        return ENGINE.scan(POLICY, Stage.PRE, text).findings().stream().anyMatch(f -> f.kind().equals(kind));
    }

    @Test
    void steuerIdWithValidCheckDigitIsATaxId() {
        assertTrue(hasKind("Meine Steuer-ID ist 65 929 970 489.", "tax_id"));
    }

    @Test
    void steuerIdWithWrongCheckDigitIsNot() {
        assertFalse(hasKind("Meine Steuer-ID ist 65 929 970 488.", "tax_id"));
    }

    @Test
    void sozialversicherungsnummerWrittenWithSpacesIsFound() {
        assertTrue(hasKind("Sozialversicherungsnummer 65 170839 J 003", "national_id"));
    }

    @Test
    void sozialversicherungsnummerWithWrongCheckDigitIsNot() {
        assertFalse(hasKind("Sozialversicherungsnummer 65 170839 J 002", "national_id"));
    }

    @Test
    void personalausweisAndReisepassNumbersAfterTheirKeywordAreFound() {
        assertTrue(hasKind("Personalausweis: T220001293", "national_id"));
        assertTrue(hasKind("Reisepass C01X00T47", "passport"));
    }

    @Test
    void germanIbanAndPhoneFormatsAreFound() {
        assertTrue(hasKind("Bitte überweisen an DE89 3704 0044 0532 0130 00.", "iban"));
        assertTrue(hasKind("Ruf mich an: 030 12345678", "phone"));
        assertTrue(hasKind("Tel. +49 30 901820", "phone"));
        assertTrue(hasKind("mobil 0171 2345678", "phone"));
    }

    @Test
    void documentNumbersAfterGermanCompoundKeywordsAreFound() {
        assertTrue(hasKind("Meine Reisepassnummer ist C01X00T47.", "passport"));
        assertTrue(hasKind("Personalausweisnummer: T220001293", "national_id"));
    }
}
