package io.sigmacode.gateway.support;

/**
 * Text PostgreSQL can store. A {@code text} column refuses the NUL character, and an unpaired UTF-16 surrogate has
 * no UTF-8 form; either one only fails deep inside a projection, after the command was acknowledged. So the edge
 * refuses such input before anything is sent.
 */
public final class StorableText {

    public static final String REFUSAL = "contains a NUL character or an unpaired surrogate, which cannot be stored";

    private StorableText() {
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
