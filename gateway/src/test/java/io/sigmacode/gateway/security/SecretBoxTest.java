package io.sigmacode.gateway.security;

import io.sigmacode.gateway.config.SigmacodeProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @TempDir
    Path dir;

    private SecretBox box() {
        return new SecretBox(new SigmacodeProperties(dir, null, KEY));
    }

    @Test
    void aSealedKeyOpensForItsOwnApp() {
        String sealed = box().seal("app-secret", SecretBox.appBinding("t1", "a1"));

        assertThat(sealed).startsWith("v2:").doesNotContain("app-secret");
        assertThat(box().open(sealed, SecretBox.appBinding("t1", "a1"))).isEqualTo("app-secret");
    }

    @Test
    void aSealedKeyCopiedToAnotherAppDoesNotOpen() {
        String sealed = box().seal("app-secret", SecretBox.appBinding("t1", "a1"));

        assertThatThrownBy(() -> box().open(sealed, SecretBox.appBinding("t2", "a1")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box().open(sealed, SecretBox.appBinding("t1", "a2")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeySealedBeforeBindingStillOpens() throws Exception {
        byte[] iv = new byte[12];
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(KEY), "AES"),
                new GCMParameterSpec(128, iv));
        byte[] sealed = cipher.doFinal("legacy".getBytes(StandardCharsets.UTF_8));
        String legacy = "v1:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length)
                .put(iv).put(sealed).array());

        assertThat(box().open(legacy, SecretBox.appBinding("t1", "a1"))).isEqualTo("legacy");
    }

    @Test
    void aGeneratedKeyFileIsReadableByItsOwnerOnly() throws Exception {
        new SecretBox(new SigmacodeProperties(dir, null, null));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("encryption.key"))))
                .isEqualTo("rw-------");
    }
}
