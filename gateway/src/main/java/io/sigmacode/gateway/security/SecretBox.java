package io.sigmacode.gateway.security;

import io.sigmacode.gateway.config.SigmacodeProperties;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals the Dify app keys the gateway must present upstream (it cannot hash them: it needs them back) with
 * AES-256-GCM, so that no upstream secret sits in the event store in clear text. A sealed key is bound to the app and
 * tenant it was registered for (GCM's associated data): copied onto another app's row it no longer opens, so someone
 * who can write the database cannot make one tenant's calls run on another tenant's Dify key.
 */
@Component
public class SecretBox {

    /** Sealed without associated data, before keys were bound to their app; still opened. */
    private static final String UNBOUND = "v1:";
    private static final String BOUND = "v2:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(SigmacodeProperties properties) {
        this.key = new SecretKeySpec(keyBytes(properties), "AES");
    }

    /** What a Dify app key is bound to. */
    public static String appBinding(String tenantId, String appId) {
        return "tenant:" + tenantId + "/app:" + appId;
    }

    /** What an account's low-balance webhook signing secret is bound to. */
    public static String alertBinding(String accountId) {
        return "account:" + accountId + "/low-balance-alert";
    }

    public String seal(String plain, String binding) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return BOUND + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a secret", e);
        }
    }

    public String open(String sealed, String binding) {
        try {
            boolean bound = sealed.startsWith(BOUND);
            if (!bound && !sealed.startsWith(UNBOUND)) {
                throw new IllegalArgumentException("unknown sealing format");
            }
            byte[] all = Base64.getDecoder().decode(sealed.substring(BOUND.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            if (bound) {
                cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
            }
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a sealed secret does not open with the configured encryption key "
                    + "for this app", e);
        }
    }

    private static byte[] keyBytes(SigmacodeProperties properties) {
        if (properties.encryptionKey() != null && !properties.encryptionKey().isBlank()) {
            return checked(Base64.getDecoder().decode(properties.encryptionKey().strip()));
        }
        Path file = properties.dataDir().toAbsolutePath().resolve("encryption.key");
        try {
            if (Files.exists(file)) {
                return checked(Base64.getDecoder().decode(Files.readString(file).strip()));
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Files.createDirectories(file.getParent());
            // created owner-only, so the key is never readable by others, not even between create and chmod
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static byte[] checked(byte[] key) {
        if (key.length != 32) {
            throw new IllegalStateException("SIGMACODE_ENCRYPTION_KEY must be 32 bytes in base64, got " + key.length);
        }
        return key;
    }
}
