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
        assertFalse(hasKind("Im Kapitel 3 steht die Methode.", "street_address"));
        assertTrue(hasKind("Treffpunkt An der Alster 5", "street_address"));
    }

    @Test
    void addressWithoutStreetTypeIsFoundByItsPostalLayout() {
        assertTrue(hasKind("Anna Berger\nGesterbyntie 68\n00100 Helsinki\nFinland", "street_address"));
        assertTrue(hasKind("Lieferadresse:\nPod Floriánem 1677\nFinland 41600", "street_address"));
        assertTrue(hasKind("Büro Gesterbyntie 68, 00100 Helsinki", "street_address"));
    }

    @Test
    void numberedLinesWithoutAPostalCodeAreNoAddress() {
        assertFalse(hasKind("Results\nChapter 4\nTotal 1200 units", "street_address"));
        assertFalse(hasKind("See Section 4, 2023 edition", "street_address"));
    }

    @Test
    void capitalisedWordsAndNumberAfterAnAddressWordAreAnAddress() {
        assertTrue(hasKind("Please send it to Alšova 408 by Friday.", "street_address"));
        assertTrue(hasKind("I live at the corner of Hlavní 12 and the station.", "street_address"));
        assertTrue(hasKind("What is your address? it is 5638 Aasa 43", "street_address"));
    }

    @Test
    void numberedThingsAndYearsAfterAddressWordsAreNoAddress() {
        assertFalse(hasKind("The ticket was moved to Version 2 last week.", "street_address"));
        assertFalse(hasKind("I lived in Paris 2019 and loved it.", "street_address"));
        assertFalse(hasKind("The IP address 10 Gbit link is down.", "street_address"));
    }

    @Test
    void nordicAndFinnishStreetSuffixesAreAddresses() {
        assertTrue(hasKind("Kontor: Kungsgatan 12", "street_address"));
        assertTrue(hasKind("Toimisto Mannerheimintie 5", "street_address"));
    }

    @Test
    void militaryAddressInLowerCaseIsFound() {
        assertTrue(hasKind("send the statement to uscgc aslakhanov\nfpo ae 44941", "street_address"));
    }

    @Test
    void yearAfterAWordEndingLikeAStreetSuffixIsNoAddress() {
        assertFalse(hasKind("During 2021, interest in fintech grew.", "street_address"));
    }

    @Test
    void givenNameAddressedAtTheStartOfASentenceIsAPerson() {
        assertTrue(hasKind("Danial, can you call me back today?", "person"));
        assertTrue(hasKind("Danke. Sabine, kannst du mir die Datei schicken?", "person"));
    }

    @Test
    void givenNameAsSubjectOfWhereTheyLiveOrWorkIsAPerson() {
        assertTrue(hasKind("Jennifer is from the Leeds office.", "person"));
        assertTrue(hasKind("Lena wohnt in Köln.", "person"));
    }

    @Test
    void listOfThreeGivenNamesIsAListOfPeople() {
        assertTrue(hasKind("they had 3: silvana, kristina and caleb.", "person"));
        assertFalse(hasKind("We bought apples, pears and plums.", "person"));
    }

    @Test
    void greetingsAndOrdinaryWordsAfterCuesAreNoNames() {
        assertFalse(hasKind("Customer: Hi there, I need a phone.", "person"));
        assertFalse(hasKind("print(\"Hello World!\")", "person"));
        assertFalse(hasKind("Will, can you mark the rose?", "person"));
    }

    @Test
    void postalCodeBeforeAGermanAustrianOrSwissPlaceIsAnAddress() {
        assertTrue(hasKind("Ich bin wohnhaft in 80331 München.", "street_address"));
        assertTrue(hasKind("Versand nach CH-8001 Zürich", "street_address"));
        assertTrue(hasKind("Lindenhof 2a\nBad Homburg", "street_address"));
    }

    @Test
    void numbersBeforePlacesThatAreYearsOrAmountsAreNoAddress() {
        assertFalse(hasKind("Seit 2015 Zürich als Standort, Umsatz 12000 Euro.", "street_address"));
    }
}
