package io.sigmacode.kernel.firewall;

/**
 * One thing a scanner found. Never the matched text itself: {@code fingerprint} identifies a secret or personal datum
 * across calls without revealing it.
 */
public record Finding(String category, String kind, String rule, int start, int end, double score, String fingerprint) {
}
