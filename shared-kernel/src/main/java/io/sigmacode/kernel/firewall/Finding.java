package io.sigmacode.kernel.firewall;

/**
 * One detection. Positions index the scanned text; the fingerprint is a truncated SHA-256 of the matched value so
 * that repeated leaks can be correlated without the value itself ever being stored.
 */
public record Finding(String category, String kind, String rule, int start, int end, double score, String fingerprint) {
}
