package io.sigmacode.firewall;

import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamesAndAddressesTest {

    private static final FirewallEngine ENGINE = new FirewallEngine();
    private static final CompiledPolicy POLICY = ENGINE.compile(FirewallPolicyDocument.platformDefault());

    private static ScanResult pre(String text) {
        return ENGINE.scan(POLICY, Stage.PRE, text);
    }

    private static boolean hasKind(String text, String kind) {
        return pre(text).findings().stream().anyMatch(f -> f.kind().equals(kind));
    }

    @Test
    void germanStreetWithHouseNumberPostcodeAndTownIsOneAddress() {
        ScanResult r = pre("Lieferung an Hauptstraße 12, 10115 Berlin bitte.");
        assertEquals("Lieferung an [STREET_ADDRESS_1] bitte.", r.redactedText());
    }

    @Test
    void germanStreetSuffixesAreAddresses() {
        assertTrue(hasKind("wohnt in der Lindenstr. 4a", "street_address"));
        assertTrue(hasKind("Büro: Am Sandtorkai 3, 20457 Hamburg", "street_address"));
        assertTrue(hasKind("Treffpunkt Schillerplatz 7", "street_address"));
        assertTrue(hasKind("Karl-Marx-Allee 90", "street_address"));
    }

    @Test
    void englishStreetAddressWithFlatIsFound() {
        assertTrue(hasKind("Ship it to 42 Baker Street, Apt 5 please", "street_address"));
    }

    @Test
    void numbersBeforeOrdinaryCapitalisedWordsAreNoAddress() {
        assertFalse(hasKind("We ordered 5 Green Apples and 3 Red Pears.", "street_address"));
    }

    @Test
    void nameAfterAnIntroductionIsAPerson() {
        assertTrue(hasKind("Hello, my name is Jennifer Smith.", "person"));
        assertTrue(hasKind("Mein Name ist Lukas Becker und ich habe eine Frage.", "person"));
        assertTrue(hasKind("Sehr geehrte Frau Schneider, vielen Dank.", "person"));
    }

    @Test
    void famousNameWithoutPersonalContextIsNotReported() {
        assertEquals(Verdict.ALLOW, pre("Albert Einstein published the theory of relativity.").verdict());
    }

    @Test
    void commonNameBesideAPhoneNumberIsAContactRecord() {
        assertTrue(hasKind("Jennifer Smith, +44 20 7946 0958", "person"));
    }

    @Test
    void yearAfterACapitalisedPrepositionIsNoAddress() {
        assertFalse(hasKind("Im Jahr 2023 stieg der Umsatz um 12,5 Prozent.", "street_address"));
        assertTrue(hasKind("Die Kanzlei sitzt Im Winkel 23, 53113 Bonn.", "street_address"));
    }
}
