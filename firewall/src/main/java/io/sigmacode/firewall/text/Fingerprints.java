package io.sigmacode.firewall.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Truncated SHA-256 of a matched value: enough to correlate repeats, useless for recovering the value. */
public final class Fingerprints {

    private static final int HEX_CHARS = 16;

    private Fingerprints() {
    }

    public static String of(CharSequence value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(value.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
