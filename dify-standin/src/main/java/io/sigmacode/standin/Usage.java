package io.sigmacode.standin;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Token usage the stand-in reports. Prices follow Dify's LLMUsage arithmetic
 * (tokens x unit price x price unit, seven decimals) so metering code sees realistic decimal strings.
 */
public record Usage(int promptTokens, int completionTokens, BigDecimal promptUnitPrice,
                    BigDecimal completionUnitPrice, BigDecimal priceUnit, String currency) {

    private static final int PRICE_SCALE = 7;

    public Usage {
        if (promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    /** The unit prices of the sample responses: 0.001 per prompt token, 0.002 per completion token, unit 0.001, USD. */
    public static Usage of(int promptTokens, int completionTokens) {
        return new Usage(promptTokens, completionTokens, new BigDecimal("0.001"), new BigDecimal("0.002"),
                new BigDecimal("0.001"), "USD");
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }

    public BigDecimal promptPrice() {
        return price(promptTokens, promptUnitPrice);
    }

    public BigDecimal completionPrice() {
        return price(completionTokens, completionUnitPrice);
    }

    public BigDecimal totalPrice() {
        return promptPrice().add(completionPrice());
    }

    private BigDecimal price(int tokens, BigDecimal unitPrice) {
        return unitPrice.multiply(priceUnit).multiply(BigDecimal.valueOf(tokens))
                .setScale(PRICE_SCALE, RoundingMode.HALF_UP);
    }
}
