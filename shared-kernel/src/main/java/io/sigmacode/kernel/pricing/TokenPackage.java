package io.sigmacode.kernel.pricing;

/** A package of platform tokens for sale: its price in the currency's minor units (cents), never a float. */
public record TokenPackage(String id, Long tokens, Long priceMinor, String currency) {
}
