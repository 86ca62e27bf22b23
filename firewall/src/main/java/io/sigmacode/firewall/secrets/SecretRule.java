package io.sigmacode.firewall.secrets;

import java.util.regex.Pattern;

/**
 * A credential format. {@code group} is the capturing group that holds the secret itself (0 for the whole match);
 * every match contains one of the literal anchors (space-separated), so the pattern is tried only where one occurs.
 */
record SecretRule(String kind, String[] anchors, Pattern pattern, int group, double minEntropy) {

    static SecretRule of(String kind, String anchors, String regex) {
        return of(kind, anchors, regex, 0, 0.0);
    }

    static SecretRule of(String kind, String anchors, String regex, int group, double minEntropy) {
        return new SecretRule(kind, anchors.split(" "), Pattern.compile(regex), group, minEntropy);
    }
}
