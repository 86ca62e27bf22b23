package io.sigmacode.kernel.pricing;

/** From this event on, version {@code mistakenVersion} prices nothing: {@code correctingVersion} stands in for it. */
public record PriceBookVersionCorrectedEvent(String priceBookId, int mistakenVersion, int correctingVersion,
                                             String reason) {
}
