package io.sigmacode.command.pricing;

import io.sigmacode.kernel.pricing.Usage;
import io.sigmacode.kernel.pricing.UsageSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriceBookTest {

    private final PriceBook prices = PriceBook.initial();

    @Test
    void chatCostsFlatFeePlusRateRoundedUp() {
        var charge = prices.charge("chat-messages", "app-1", new Usage(1033, 128, 1161), UsageSource.REPORTED);
        assertThat(charge.tokens()).isEqualTo(1 + 3);
        assertThat(charge.flatFee()).isEqualTo(1);
        assertThat(charge.priceBookVersion()).isEqualTo(1);
        assertThat(charge.usage().totalTokens()).isEqualTo(1161);
    }

    @Test
    void exactThousandsAreNotRoundedUp() {
        assertThat(prices.charge("chat-messages", "app-1", new Usage(3000, 1000, 4000), UsageSource.REPORTED)
                .tokens()).isEqualTo(9);
    }

    @Test
    void noUsageCostsTheFlatFee() {
        assertThat(prices.charge("workflows/run", "app-1", Usage.NONE, UsageSource.ESTIMATED).tokens()).isEqualTo(5);
    }

    @Test
    void anAppWithItsOwnRateIsChargedByItAndTheChargeKeepsIt() {
        var book = new PriceBook(3, prices.flatFees(), BigDecimal.valueOf(2),
                Map.of("gpt-app", new BigDecimal("7.5")), Set.of(), 2_000_000);
        var charge = book.charge("chat-messages", "gpt-app", new Usage(1000, 1001, 2001), UsageSource.REPORTED);
        // 2,001 x 7.5 / 1,000 = 15.0075, rounded up to 16, plus the flat fee of 1
        assertThat(charge.tokens()).isEqualTo(17);
        assertThat(charge.ratePer1000()).isEqualByComparingTo("7.5");
        assertThat(charge.priceBookVersion()).isEqualTo(3);
        assertThat(book.charge("chat-messages", "other-app", new Usage(1000, 1001, 2001), UsageSource.REPORTED)
                .tokens()).isEqualTo(1 + 5);
    }

    @Test
    void aFreeEndpointCostsNeitherItsFeeNorItsLlmTokens() {
        var book = new PriceBook(2, prices.flatFees(), BigDecimal.valueOf(2), Map.of(), Set.of("files/upload"),
                2_000_000);
        var charge = book.charge("files/upload", "app-1", new Usage(0, 0, 5000), UsageSource.REPORTED);
        assertThat(charge.tokens()).isZero();
        assertThat(charge.flatFee()).isZero();
        assertThat(charge.ratePer1000()).isZero();
        assertThat(book.ceiling("files/upload", "app-1")).isZero();
        assertThat(book.charge("chat-messages", "app-1", Usage.NONE, UsageSource.REPORTED).tokens()).isEqualTo(1);
    }

    @Test
    void unknownEndpointHasNoPrice() {
        assertThatThrownBy(() -> prices.flatFee("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no price for endpoint nope");
    }

    @Test
    void ceilingIsThePriceOfTheMostLlmTokensOneCallMayUse() {
        assertThat(prices.ceiling("chat-messages", "app-1")).isEqualTo(1 + 2_000_000 * 2 / 1000);
    }

    @Test
    void usageOutsideTheBoundsIsNotPriced() {
        assertThatThrownBy(() -> prices.charge("chat-messages", "app-1", new Usage(0, 0, 2_000_001),
                UsageSource.REPORTED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> prices.charge("chat-messages", "app-1", new Usage(0, 0, -1), UsageSource.REPORTED))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
