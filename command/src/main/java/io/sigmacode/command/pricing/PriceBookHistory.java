package io.sigmacode.command.pricing;

import io.sigmacode.kernel.error.CommandRefusedException;
import io.sigmacode.kernel.error.RefusalCode;
import io.sigmacode.kernel.pricing.CorrectPriceBookVersionCommand;
import io.sigmacode.kernel.pricing.PriceBookDocument;
import io.sigmacode.kernel.pricing.PriceBookPublishedEvent;
import io.sigmacode.kernel.pricing.PriceBookVersionCorrectedEvent;
import io.sigmacode.kernel.pricing.PublishPriceBookCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;

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
    /** Mistaken version to the version that corrected it. */
    private HashMap<Integer, Integer> corrections = new HashMap<>();

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

    /**
     * Only a version no longer in force can be corrected (publish the right prices first, then correct the wrong
     * ones), by a version that stands itself, and only once.
     *
     * @return {@code corrected}, or {@code duplicate} when it was corrected by the same version before
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    String handle(CorrectPriceBookVersionCommand command) {
        if (command.reason() == null || command.reason().isBlank() || command.reason().length() > 500) {
            throw new CommandRefusedException(RefusalCode.INVALID, "reason is required, at most 500 characters");
        }
        int mistaken = command.mistakenVersion();
        int correcting = command.correctingVersion();
        if (mistaken < 1 || mistaken >= version) {
            throw new CommandRefusedException(RefusalCode.INVALID, "mistakenVersion must be a published version "
                    + "no longer in force (1 to " + (version - 1) + "); publish the right prices first");
        }
        if (correcting < 1 || correcting > version || correcting == mistaken) {
            throw new CommandRefusedException(RefusalCode.INVALID, "correctingVersion must be another published "
                    + "version (1 to " + version + ")");
        }
        if (corrections.containsKey(correcting)) {
            throw new CommandRefusedException(RefusalCode.INVALID, "version " + correcting
                    + " was itself corrected by version " + corrections.get(correcting));
        }
        Integer earlier = corrections.get(mistaken);
        if (earlier != null && earlier == correcting) {
            return "duplicate";
        }
        if (earlier != null) {
            throw new CommandRefusedException(RefusalCode.CONFLICT, "version " + mistaken
                    + " was already corrected by version " + earlier);
        }
        if (corrections.containsValue(mistaken)) {
            throw new CommandRefusedException(RefusalCode.CONFLICT, "version " + mistaken
                    + " corrects another version; it cannot be corrected itself");
        }
        apply(new PriceBookVersionCorrectedEvent(command.priceBookId(), mistaken, correcting, command.reason()));
        return "corrected";
    }

    @EventSourcingHandler
    void on(PriceBookVersionCorrectedEvent event) {
        priceBookId = event.priceBookId();
        corrections.put(event.mistakenVersion(), event.correctingVersion());
    }

    @EventSourcingHandler
    void on(PriceBookPublishedEvent event) {
        priceBookId = event.priceBookId();
        version = event.version();
    }
}
