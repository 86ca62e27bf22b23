package io.sigmacode.kernel.firewall;

/**
 * What to do with findings of one category at one stage. A finding counts only when its score reaches the threshold,
 * so a tenant can trade recall for fewer false positives per category.
 */
public record CategoryAction(String category, Stage stage, Verdict action, double threshold) {
}
