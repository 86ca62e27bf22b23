package io.sigmacode.kernel.pricing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Publishes the next version of the platform's one price book. */
public record PublishPriceBookCommand(PriceBookDocument document) {

    /** The price book's stream; one per platform. */
    public static final String PRICE_BOOK_ID = "price-book";

    @TargetAggregateIdentifier
    public String priceBookId() {
        return PRICE_BOOK_ID;
    }
}
