package io.sigmacode.firewall;

import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values that have the shape of a secret or identifier but are documentation, versions or other numbers. */
class LookAlikesTest {

    private static final FirewallEngine ENGINE = new FirewallEngine();
    private static final CompiledPolicy POLICY = ENGINE.compile(FirewallPolicyDocument.platformDefault());

    private static ScanResult pre(String text) {
        return ENGINE.scan(POLICY, Stage.PRE, text);
    }

    private static boolean hasKind(String text, String kind) {
        return pre(text).findings().stream().anyMatch(f -> f.kind().equals(kind));
    }

    @Test
    void awsDocumentationExampleKeysPass() {
        assertEquals(Verdict.ALLOW, pre("aws_access_key_id = AKIAIOSFODNN7EXAMPLE").verdict());
        assertEquals(Verdict.ALLOW, pre("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY").verdict());
    }

    @Test
    void awsKeyWithoutTheExampleMarkerIsStillASecret() {
        assertTrue(hasKind("aws_access_key_id = AKIAQYLPMN5HFIQR7XYA", "aws_access_key"));
    }

    @Test
    void dottedVersionNumberIsNotAnIpAddress() {
        assertFalse(hasKind("Version 1.2.3.4 released today", "ip"));
        assertFalse(hasKind("upgrade to v10.0.1.7 first", "ip"));
    }

    @Test
    void dottedQuadWithoutAVersionWordIsStillAnIpAddress() {
        assertTrue(hasKind("the server answers at 10.1.2.3 on port 22", "ip"));
    }

    @Test
    void commitHashesUuidsAndDigestsPass() {
        assertEquals(Verdict.ALLOW, pre("commit 3f786850e387550fdab836ed7e6dc881de23001b").verdict());
        assertEquals(Verdict.ALLOW, pre("request_id=550e8400-e29b-41d4-a716-446655440000").verdict());
        assertEquals(Verdict.ALLOW,
                pre("sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855").verdict());
    }

    @Test
    void numberNamedAsATaxIdIsNotReportedAsAPhoneNumber() {
        assertFalse(hasKind("Steuer-ID: 12 345 678 901", "phone"));
        assertFalse(hasKind("Rechnungsnummer 0171 2345678", "phone"));
    }

    @Test
    void numberNamedAsAPhoneNumberIsStillAPhoneNumber() {
        assertTrue(hasKind("Telefon 0171 2345678", "phone"));
    }

    @Test
    void articleNumberThatWouldDialIsNotAPhoneNumber() {
        assertFalse(hasKind("Artikelnummer 12 345 678 901 ist leider ausverkauft.", "phone"));
        assertTrue(hasKind("Rufnummer 0171 2345678", "phone"));
    }

    @Test
    void integrityDigestOfAPackageIsNotASecret() {
        assertEquals(Verdict.ALLOW, pre("\"integrity\": \"sha512-1w7Az80f7SDsX+5+jFauuANC1TtspKgbIrGmqMWnXHuFxg1Q"
                + "gd8rWePlfV1vwsIvJu4/nrMleuaMiMY2E72Vnw==\",").verdict());
    }

    @Test
    void highEntropyValueAssignedToASecretNameIsStillASecret() {
        assertTrue(hasKind("\"client_secret\": \"1w7Az80f7SDsX+5+jFauuANC1TtspKgbIrGmq\"", "generic_secret"));
    }
}
