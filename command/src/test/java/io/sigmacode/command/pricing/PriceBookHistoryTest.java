package io.sigmacode.command.pricing;

import io.sigmacode.kernel.error.CommandRefusedException;
import io.sigmacode.kernel.pricing.CorrectPriceBookVersionCommand;
import io.sigmacode.kernel.pricing.PriceBookDocument;
import io.sigmacode.kernel.pricing.PriceBookPublishedEvent;
import io.sigmacode.kernel.pricing.PriceBookVersionCorrectedEvent;
import io.sigmacode.kernel.pricing.PublishPriceBookCommand;
import io.sigmacode.kernel.pricing.TokenPackage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.sigmacode.kernel.pricing.PublishPriceBookCommand.PRICE_BOOK_ID;
import static org.assertj.core.api.Assertions.assertThat;

class PriceBookHistoryTest {

    private FixtureConfiguration<PriceBookHistory> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PriceBookHistory.class);
    }

    private static PriceBookDocument doubled(int version) {
        var initial = PriceBookVersions.initialDocument();
        var fees = new HashMap<>(initial.flatFees());
        fees.replaceAll((endpoint, fee) -> fee * 2);
        return new PriceBookDocument(version, fees, BigDecimal.valueOf(4), Map.of("app-9", BigDecimal.ONE),
                List.of("files/upload"), 2_000_000L, initial.packages());
    }

    @Test
    void versionOneIsTheBriefsPricesAndApiMdsPackages() {
        var initial = PriceBookVersions.initialDocument();
        assertThat(initial.version()).isEqualTo(1);
        assertThat(PriceBookVersions.prices(initial)).isEqualTo(PriceBook.initial());
        assertThat(initial.packages()).containsExactly(new TokenPackage("starter", 1_000L, 999L, "EUR"),
                new TokenPackage("pro", 10_000L, 7_999L, "EUR"),
                new TokenPackage("enterprise", 100_000L, 59_999L, "EUR"));
    }

    @Test
    void theFirstPublicationIsVersionTwoWhateverTheDocumentSays() {
        fixture.givenNoPriorActivity()
                .when(new PublishPriceBookCommand(doubled(77)))
                .expectEvents(new PriceBookPublishedEvent(PRICE_BOOK_ID, 2, doubled(2)))
                .expectResultMessagePayload(2);
    }

    @Test
    void eachPublicationIsTheNextVersion() {
        fixture.given(new PriceBookPublishedEvent(PRICE_BOOK_ID, 2, doubled(2)))
                .when(new PublishPriceBookCommand(doubled(2)))
                .expectEvents(new PriceBookPublishedEvent(PRICE_BOOK_ID, 3, doubled(3)));
    }

    @Test
    void anInvalidDocumentNamesEveryProblem() {
        var fees = new HashMap<>(PriceBookVersions.initialDocument().flatFees());
        fees.remove("chat-messages");
        fees.put("workflows/run", -1L);
        var bad = new PriceBookDocument(null, fees, new BigDecimal("-1"), Map.of("app 1", BigDecimal.ONE),
                List.of("nope"), 0L,
                List.of(new TokenPackage("starter", 0L, 999L, "eur"), new TokenPackage("starter", 1L, 1L, "EUR")));
        fixture.givenNoPriorActivity()
                .when(new PublishPriceBookCommand(bad))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("flatFees.workflows/run must be between 0 and 1000000; "
                        + "flatFees.chat-messages is required (0 makes it free); "
                        + "ratePer1000 must be between 0 and 1000000; "
                        + "appRatesPer1000: 'app 1' is no app id; "
                        + "freeEndpoints: 'nope' has no flat fee; "
                        + "maxLlmTokensPerCall must be between 1 and 1000000000; "
                        + "packages[0].tokens must be between 1 and 1000000000000; "
                        + "packages[0].currency must be an ISO 4217 code in capitals, such as EUR; "
                        + "packages[1].id 'starter' appears twice");
    }

    @Test
    void aVersionNoLongerInForceIsCorrectedOnceByAnotherPublishedVersion() {
        fixture.given(new PriceBookPublishedEvent(PRICE_BOOK_ID, 2, doubled(2)),
                        new PriceBookPublishedEvent(PRICE_BOOK_ID, 3, doubled(3)))
                .when(new CorrectPriceBookVersionCommand(2, 3, "fees doubled by mistake"))
                .expectEvents(new PriceBookVersionCorrectedEvent(PRICE_BOOK_ID, 2, 3, "fees doubled by mistake"))
                .expectResultMessagePayload("corrected");
    }

    @Test
    void correctingTheSameVersionAgainIsADuplicateAndByAnotherAConflict() {
        var history = List.<Object>of(new PriceBookPublishedEvent(PRICE_BOOK_ID, 2, doubled(2)),
                new PriceBookPublishedEvent(PRICE_BOOK_ID, 3, doubled(3)),
                new PriceBookVersionCorrectedEvent(PRICE_BOOK_ID, 2, 3, "x"));
        fixture.given(history)
                .when(new CorrectPriceBookVersionCommand(2, 3, "again"))
                .expectNoEvents()
                .expectResultMessagePayload("duplicate");
        fixture.given(history)
                .when(new CorrectPriceBookVersionCommand(2, 1, "other"))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("version 2 was already corrected by version 3");
    }

    @Test
    void theVersionInForceAndUnpublishedVersionsCannotBeCorrected() {
        fixture.given(new PriceBookPublishedEvent(PRICE_BOOK_ID, 2, doubled(2)))
                .when(new CorrectPriceBookVersionCommand(2, 1, "wrong"))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("mistakenVersion must be a published version no longer in force (1 to 1); "
                        + "publish the right prices first");
        fixture.given(new PriceBookPublishedEvent(PRICE_BOOK_ID, 2, doubled(2)))
                .when(new CorrectPriceBookVersionCommand(1, 7, "wrong"))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("correctingVersion must be another published version (1 to 2)");
        fixture.givenNoPriorActivity()
                .when(new CorrectPriceBookVersionCommand(1, 1, " "))
                .expectNoEvents()
                .expectExceptionMessage("reason is required, at most 500 characters");
    }
}
