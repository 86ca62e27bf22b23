package io.sigmacode.kernel.pricing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Declares a published version mistaken: the debits it priced are re-priced by {@code correctingVersion}, and calls
 * started under it that settle later are priced by that version too. Answers {@code corrected}, or {@code duplicate}
 * when the version was already corrected by the same one.
 */
public record CorrectPriceBookVersionCommand(int mistakenVersion, int correctingVersion, String reason) {

    @TargetAggregateIdentifier
    public String priceBookId() {
        return PublishPriceBookCommand.PRICE_BOOK_ID;
    }
}
