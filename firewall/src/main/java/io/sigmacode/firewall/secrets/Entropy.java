package io.sigmacode.firewall.secrets;

import java.util.regex.Pattern;

/** Shannon entropy and look-alike checks that separate generated credentials from words, paths and placeholders. */
final class Entropy {

    private static final Pattern DIGEST = Pattern.compile("(?:sha(?:1|224|256|384|512)|md5)-[A-Za-z0-9+/]{16,}={0,2}");

    private static final String[] PLACEHOLDERS = {
        "example", "xxxx", "your", "placeholder", "changeme", "change_me", "replace", "insert", "redacted", "dummy",
        "sample", "<", ">", "${", "$(", "{{", "%s", "%(", "****", "...", "todo", "here", "null", "none", "undefined",
        "process.env", "os.environ", "getenv", "config.", "settings.", "secrets.", "env.", "params.", "vault:"
    };

    private Entropy() {
    }

    static double bitsPerChar(CharSequence s) {
        int n = s.length();
        if (n == 0) {
            return 0;
        }
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * Math.log(p);
            }
        }
        if (other > 0) {
            double p = (double) other / n;
            h -= p * Math.log(p);
        }
        return h / Math.log(2);
    }

    static boolean looksLikePlaceholder(String value) {
        String v = value.toLowerCase(java.util.Locale.ROOT);
        for (String p : PLACEHOLDERS) {
            if (v.contains(p)) {
                return true;
            }
        }
        return v.startsWith("$") || v.startsWith("%") || v.chars().distinct().count() <= 3;
    }

    /**
     * A content digest in the Subresource Integrity form ({@code sha512-<base64>}, as npm's package-lock "integrity"
     * writes it): a hash of public content, high in entropy but no credential.
     */
    static boolean isDigest(String v) {
        return DIGEST.matcher(v).matches();
    }

    /**
     * Masked or made-up filler: runs of x or *, an ascending run such as 1234567890 or abcdefghij, or a documentation
     * example key (AWS's {@code AKIAIOSFODNN7EXAMPLE}; providers mark their published samples with "example").
     */
    static boolean isFiller(String v) {
        String l = v.toLowerCase(java.util.Locale.ROOT);
        if (l.contains("example") || l.contains("xxxx") || l.contains("****") || l.contains("put_your")
                || l.contains("your_") || l.contains("_here")) {
            return true;
        }
        int run = 1;
        for (int i = 1; i < l.length(); i++) {
            run = l.charAt(i) == l.charAt(i - 1) + 1 ? run + 1 : 1;
            if (run >= 10) {
                return true;
            }
        }
        return false;
    }

    static boolean mixesCase(String v) {
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        return upper && lower;
    }

    /** Generated secrets mix character classes; identifiers and prose rarely have digits and letters together. */
    static boolean mixesClasses(String v) {
        boolean digit = false;
        boolean letter = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            digit |= Character.isDigit(c);
            letter |= Character.isLetter(c);
        }
        return digit && letter;
    }
}
