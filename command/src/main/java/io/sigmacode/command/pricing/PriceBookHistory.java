package io.sigmacode.command.pricing;

import io.sigmacode.kernel.pricing.PriceBookDocument;
import io.sigmacode.kernel.pricing.PriceBookPublishedEvent;
import io.sigmacode.kernel.pricing.PublishPriceBookCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The platform's price book as a series of published versions. Version 1 lives in code
 * ({@link PriceBookVersions#initialDocument()}), so a fresh install has prices without any event; the stream starts
 * with the first publication, version 2.
 */
@Aggregate
public class PriceBookHistory {

    @AggregateIdentifier
    private String priceBookId;
    private int version = 1;

    protected PriceBookHistory() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    int handle(PublishPriceBookCommand command) {
        PriceBookVersions.validate(command.document());
        int next = version + 1;
        var doc = command.document();
        var published = new PriceBookDocument(next, doc.flatFees(), doc.ratePer1000(), doc.appRatesPer1000(),
                doc.freeEndpoints(), doc.maxLlmTokensPerCall(), doc.packages());
        apply(new PriceBookPublishedEvent(command.priceBookId(), next, published));
        return next;
    }

    @EventSourcingHandler
    void on(PriceBookPublishedEvent event) {
        priceBookId = event.priceBookId();
        version = event.version();
    }
}
