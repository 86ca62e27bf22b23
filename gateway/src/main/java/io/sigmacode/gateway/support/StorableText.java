package io.sigmacode.gateway.support;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text PostgreSQL can store. A {@code text} column refuses the NUL character, and an unpaired UTF-16 surrogate has
 * no UTF-8 form; either one only fails deep inside a projection, after the command was acknowledged. So the edge
 * refuses such input before anything is sent.
 */
public final class StorableText {

    public static final String REFUSAL = "contains a NUL character or an unpaired surrogate, which cannot be stored";

    private StorableText() {
    }

    /**
     * Strictly UTF-8, as JSON must be: Jackson reads overlong forms, encoded surrogates and code points above
     * U+10FFFF without complaint, and they would reach the database or Dify as something else than was sent.
     */
    public static boolean utf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    public static boolean storable(CharSequence text) {
        if (text == null) {
            return true;
        }
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\u0000' || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= length || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
