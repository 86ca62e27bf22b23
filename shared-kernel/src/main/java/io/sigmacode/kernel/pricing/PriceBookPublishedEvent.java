package io.sigmacode.kernel.pricing;

/** A new version is in force from this event on; {@code document.version()} equals {@code version}. */
public record PriceBookPublishedEvent(String priceBookId, int version, PriceBookDocument document) {
}
