package io.sigmacode.firewall.injection;

import java.util.regex.Pattern;

/**
 * One weighted signal. Every match of the pattern contains one of the anchors, so the pattern runs only in windows
 * around anchor occurrences, which keeps the cost of a rule that does not fire at a few {@code indexOf} calls.
 */
record InjectionRule(String id, String category, double weight, String[] anchors, Pattern pattern) {

    static InjectionRule of(String id, String category, double weight, String anchors, String regex) {
        return new InjectionRule(id, category, weight, anchors.split("\\|"), Pattern.compile(regex));
    }
}
