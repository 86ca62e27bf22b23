package io.sigmacode.firewall.pii;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A national identifier: a candidate shape and the validator that must accept it. The shape alone never reports
 * anything, so format look-alikes with a wrong check digit pass.
 */
record IdRule(String kind, String subtype, Pattern pattern, Predicate<String> valid, double score, int minDigits) {

    /** Most identifiers carry seven or more digits; shorter shapes state their own minimum. */
    static final int DEFAULT_MIN_DIGITS = 7;

    static IdRule of(String kind, String subtype, String regex, Predicate<String> valid, double score) {
        return of(kind, subtype, regex, valid, score, DEFAULT_MIN_DIGITS);
    }

    static IdRule of(String kind, String subtype, String regex, Predicate<String> valid, double score, int minDigits) {
        return new IdRule(kind, subtype, Pattern.compile(regex), valid, score, minDigits);
    }
}
