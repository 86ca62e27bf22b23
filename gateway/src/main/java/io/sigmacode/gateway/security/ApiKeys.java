package io.sigmacode.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Gateway keys are 256 random bits, so a plain SHA-256 is enough to store them: unlike passwords they cannot be
 * guessed from a dictionary, and a fast hash keeps the per-call lookup cheap.
 */
public final class ApiKeys {

    public static final String PREFIX = "sgk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Enough of the key to recognise it in a list, far too little to use it. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(key.length(), PREFIX.length() + 6));
    }

    /**
     * Constant-time comparison, for the admin token: both sides are hashed first, so neither the content nor the
     * length of the expected token shows in the time taken.
     */
    public static boolean matches(String presented, String expected) {
        return MessageDigest.isEqual(hash(presented).getBytes(StandardCharsets.US_ASCII),
                hash(expected).getBytes(StandardCharsets.US_ASCII));
    }
}
