package io.sigmacode.command.pricing;

import io.sigmacode.kernel.pricing.Usage;
import io.sigmacode.kernel.pricing.UsageSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriceBookTest {

    private final PriceBook prices = PriceBook.initial();

    @Test
    void chatCostsFlatFeePlusRateRoundedUp() {
        var charge = prices.charge("chat-messages", new Usage(1033, 128, 1161), UsageSource.REPORTED);
        assertThat(charge.tokens()).isEqualTo(1 + 3);
        assertThat(charge.flatFee()).isEqualTo(1);
        assertThat(charge.priceBookVersion()).isEqualTo(1);
        assertThat(charge.usage().totalTokens()).isEqualTo(1161);
    }

    @Test
    void exactThousandsAreNotRoundedUp() {
        assertThat(prices.charge("chat-messages", new Usage(3000, 1000, 4000), UsageSource.REPORTED).tokens())
                .isEqualTo(9);
    }

    @Test
    void noUsageCostsTheFlatFee() {
        assertThat(prices.charge("workflows/run", Usage.NONE, UsageSource.ESTIMATED).tokens()).isEqualTo(5);
    }

    @Test
    void unknownEndpointHasNoPrice() {
        assertThatThrownBy(() -> prices.flatFee("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no price for endpoint nope");
    }

    @Test
    void ceilingIsThePriceOfTheMostLlmTokensOneCallMayUse() {
        assertThat(prices.ceiling("chat-messages")).isEqualTo(1 + 2_000_000 * 2 / 1000);
    }

    @Test
    void usageOutsideTheBoundsIsNotPriced() {
        assertThatThrownBy(() -> prices.charge("chat-messages", new Usage(0, 0, 2_000_001), UsageSource.REPORTED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> prices.charge("chat-messages", new Usage(0, 0, -1), UsageSource.REPORTED))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
