package io.sigmacode.firewall;

import io.sigmacode.firewall.text.Fingerprints;
import io.sigmacode.kernel.firewall.Finding;
import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretDetectionTest {

    private static final FirewallEngine ENGINE = new FirewallEngine();
    private static final CompiledPolicy POLICY = ENGINE.compile(FirewallPolicyDocument.platformDefault());
    private static final String GITHUB = "ghp_" + "R2d4T6v8X0z1B3n5M7k9J2h4G6f8D0s1A3q5";

    private static ScanResult pre(String text) {
        return ENGINE.scan(POLICY, Stage.PRE, text);
    }

    private static boolean hasKind(ScanResult r, String kind) {
        return r.findings().stream().anyMatch(f -> f.category().equals("secret") && f.kind().equals(kind));
    }

    @Test
    void highEntropyValueAssignedToAnyNameIsFound() {
        assertTrue(hasKind(pre("sessionSeed = 'aZ3kP9qL2xW7vB5nM8rT4yU6'"), "high_entropy_string"));
    }

    @Test
    void highEntropyValueAfterPunctuationIsNotAnAssignment() {
        assertFalse(hasKind(pre("(= aZ3kP9qL2xW7vB5nM8rT4yU6)"), "high_entropy_string"));
    }

    @Test
    void awsAccessKeyIsBlocked() {
        ScanResult r = pre("export AWS_ACCESS_KEY_ID=AKIAQYLPMN5HHHFPZAM2");
        assertEquals(Verdict.BLOCK, r.verdict());
        assertTrue(hasKind(r, "aws_access_key"));
    }

    @Test
    void githubTokenIsFoundWithItsPosition() {
        String text = "token: " + GITHUB + " end";
        Finding f = pre(text).findings().get(0);
        assertEquals("github_token", f.kind());
        assertEquals(GITHUB, text.substring(f.start(), f.end()));
    }

    @Test
    void findingNeverContainsTheSecret() {
        ScanResult r = pre("my key is " + GITHUB);
        assertFalse(r.findings().isEmpty());
        for (Finding f : r.findings()) {
            assertFalse(f.toString().contains(GITHUB));
            assertEquals(Fingerprints.of(GITHUB), f.fingerprint());
            assertEquals(16, f.fingerprint().length());
        }
    }

    @Test
    void privateKeyBlockIsFound() {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gu"
                + "n\n-----END RSA PRIVATE KEY-----";
        assertTrue(hasKind(pre(pem), "private_key"));
    }

    @Test
    void publicKeyBlockPasses() {
        String pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VuAyEA3UpG2jKsHGL52tU3K87tqPS3j2arQO9oGu8W3eT5Bkg=\n-----E"
                + "ND PUBLIC KEY-----";
        assertEquals(Verdict.ALLOW, pre(pem).verdict());
    }

    @Test
    void jwtWithDecodableHeaderIsFound() {
        String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9"
                + "PlFUP0THsR8U";
        assertTrue(hasKind(pre("Authorization: Bearer " + jwt), "jwt"));
    }

    @Test
    void connectionStringPasswordIsFound() {
        assertTrue(hasKind(pre("DATABASE_URL=postgres://app:S3cr3tPa55w0rd@db.internal:5432/app"), "url_credentials"));
    }

    @Test
    void highEntropyAssignmentIsFound() {
        assertTrue(hasKind(pre("api_secret = \"q8Zt3LmW9xVb2NcR7kPf4HsJ\""), "generic_secret"));
    }

    @Test
    void placeholderAssignmentPasses() {
        assertEquals(Verdict.ALLOW, pre("api_key = \"YOUR_API_KEY_HERE\"").verdict());
    }

    @Test
    void maskedProviderTokenPasses() {
        assertEquals(Verdict.ALLOW, pre("xoxb-xxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxx").verdict());
    }

    @Test
    void secretLeakingInAnAnswerIsBlocked() {
        assertEquals(Verdict.BLOCK, ENGINE.scan(POLICY, Stage.POST, "Sure, use " + GITHUB).verdict());
    }
}
