package io.sigmacode.command.firewall;

import io.sigmacode.kernel.firewall.Finding;
import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class FirewallEngine {

    private static final List<String> INJECTION = List.of("ignore previous instructions",
            "ignore all previous instructions", "disregard your instructions", "reveal your system prompt");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern CARD = Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b");

    public CompiledPolicy compile(FirewallPolicyDocument document) {
        return new CompiledPolicy(document);
    }

    public ScanResult scan(CompiledPolicy policy, Stage stage, String text) {
        long start = System.nanoTime();
        List<Finding> findings = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        for (String phrase : INJECTION) {
            int at = lower.indexOf(phrase);
            if (at >= 0) {
                findings.add(new Finding("prompt_injection", "instruction_override", "injection.phrase@1", at,
                        at + phrase.length(), 0.9, null));
            }
        }
        Matcher email = EMAIL.matcher(text);
        while (email.find()) {
            findings.add(new Finding("pii", "email", "pii.email@1", email.start(), email.end(), 0.9,
                    fingerprint(email.group())));
        }
        Matcher card = CARD.matcher(text);
        while (card.find()) {
            String digits = card.group().replaceAll("[ -]", "");
            if (luhn(digits)) {
                findings.add(new Finding("pii", "card", "pii.card@1", card.start(), card.end(), 0.95,
                        fingerprint(digits)));
            }
        }
        Verdict verdict = findings.stream().anyMatch(f -> f.category().equals("prompt_injection")
                || f.kind().equals("card")) ? Verdict.BLOCK : findings.isEmpty() ? Verdict.ALLOW : Verdict.FLAG;
        return new ScanResult(verdict, findings, null, System.nanoTime() - start, null);
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }
        return sum % 10 == 0;
    }

    private static String fingerprint(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
