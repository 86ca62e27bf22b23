package io.sigmacode.firewall.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Finds base64 and hex runs that decode to readable text, so that an instruction hidden by encoding is scanned like
 * plain text. Only runs long enough to hide a sentence are read in full and decoded ({@link LongRuns}).
 */
public final class EncodedPayloads {

    /** A decoded run and where its encoded form sits in the original text. */
    public record Payload(String encoding, int start, int end, String decoded) {
    }

    private static final int MIN_RUN = 20;
    private static final int MAX_PAYLOADS = 8;
    private static final boolean[] BASE64 = new boolean[128];
    private static final boolean[] HEX = new boolean[128];

    static {
        for (char c = '0'; c <= 'z'; c++) {
            BASE64[c] = Character.isLetterOrDigit(c);
            HEX[c] = Character.digit(c, 16) >= 0;
        }
        for (char c : "+/-_".toCharArray()) {
            BASE64[c] = true;
        }
    }

    private EncodedPayloads() {
    }

    public static List<Payload> find(String text) {
        List<Payload> found = null;
        int n = text.length();
        int s = LongRuns.nextStart(text, 0, BASE64, MIN_RUN);
        while (s >= 0) {
            int e = LongRuns.end(text, s, BASE64);
            boolean hex = true;
            for (int k = s; k < e; k++) {
                hex &= HEX[text.charAt(k)];
            }
            int i = e;
            while (i < n && text.charAt(i) == '=' && i - e < 2) {
                i++;
            }
            String run = text.substring(s, hex ? e - ((e - s) % 2) : e);
            String decoded = hex ? decodeHex(run) : decodeBase64(run);
            if (readable(decoded)) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                found.add(new Payload(hex ? "hex" : "base64", s, i, decoded));
                if (found.size() >= MAX_PAYLOADS) {
                    break;
                }
            }
            s = LongRuns.nextStart(text, i, BASE64, MIN_RUN);
        }
        return found == null ? List.of() : found;
    }

    private static String decodeHex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) ((Character.digit(s.charAt(2 * i), 16) << 4) | Character.digit(s.charAt(2 * i + 1), 16));
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String decodeBase64(String s) {
        String body = s.replace('-', '+').replace('_', '/');
        int end = body.length() - (body.length() % 4 == 1 ? 1 : 0);
        body = body.substring(0, end);
        int r = body.length() % 4;
        if (r != 0) {
            body = body + "==".substring(0, 4 - r);
        }
        try {
            return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /**
     * Printable text made mostly of words: keys and hashes decode to binary noise and are left to the secret scanner.
     */
    private static boolean readable(String s) {
        if (s.length() < 8) {
            return false;
        }
        int letters = 0;
        int spaces = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                spaces++;
            } else if (Character.isLetter(c)) {
                letters++;
            } else if ((c < 0x20 && c != '\n' && c != '\t') || c == '\ufffd') {
                return false;
            }
        }
        return spaces >= 2 && letters * 2 >= s.length();
    }
}
