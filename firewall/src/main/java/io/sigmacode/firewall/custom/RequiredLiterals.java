package io.sigmacode.firewall.custom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Literals that every match of a tenant regex must start with, read conservatively off the start of the pattern:
 * an optional {@code (?i)}, optional {@code ^} or {@code \b}, then either a literal run or a non-capturing group of
 * literal alternatives. When the text contains none of them the regex cannot match and RE2/J, which has no fast
 * literal scan of its own, is not run at all. Any pattern that starts otherwise yields no literals and always runs.
 */
record RequiredLiterals(List<String> literals, boolean caseInsensitive) {

    private static final int MIN_LITERAL = 2;

    static RequiredLiterals of(String pattern) {
        String p = pattern;
        boolean ci = false;
        if (p.startsWith("(?i)")) {
            ci = true;
            p = p.substring(4);
        }
        while (p.startsWith("^") || p.startsWith("\\b")) {
            p = p.substring(p.startsWith("^") ? 1 : 2);
        }
        List<String> found = new ArrayList<>();
        if (p.startsWith("(?:")) {
            int close = p.indexOf(')');
            if (close < 0 || isQuantifier(p, close + 1)) {
                return none();
            }
            for (String alt : p.substring(3, close).split("\\|", -1)) {
                if (!isLiteral(alt) || alt.length() < MIN_LITERAL) {
                    return none();
                }
                found.add(alt);
            }
        } else {
            int i = 0;
            while (i < p.length() && isLiteralChar(p.charAt(i))) {
                i++;
            }
            if (isQuantifier(p, i)) {
                i--;
            }
            if (i < MIN_LITERAL) {
                return none();
            }
            found.add(p.substring(0, i));
        }
        if (ci) {
            found.replaceAll(s -> s.toLowerCase(Locale.ROOT));
        }
        return new RequiredLiterals(List.copyOf(found), ci);
    }

    static RequiredLiterals none() {
        return new RequiredLiterals(List.of(), false);
    }

    /** True when the regex may match: no literals known, or one of them occurs. */
    boolean mayMatch(String text, String lowerText) {
        if (literals.isEmpty()) {
            return true;
        }
        String haystack = caseInsensitive ? lowerText : text;
        for (String l : literals) {
            if (haystack.contains(l)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLiteral(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isLiteralChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLiteralChar(char c) {
        return Character.isLetterOrDigit(c) || c == ' ' || c == '_' || c == '-' || c == '@' || c == '#' || c == ':'
                || c == '/';
    }

    private static boolean isQuantifier(String p, int i) {
        return i < p.length() && "?*+{".indexOf(p.charAt(i)) >= 0;
    }
}
