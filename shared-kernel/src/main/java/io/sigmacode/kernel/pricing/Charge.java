package io.sigmacode.kernel.pricing;

import java.math.BigDecimal;

/**
 * What a call costs and why: {@code tokens = flatFee + ceil(usage.totalTokens * ratePer1000 / 1000)} under price
 * book {@code priceBookVersion}. Every input is kept so that finance can recompute a debit without the price book.
 */
public record Charge(long tokens, long flatFee, BigDecimal ratePer1000, Usage usage, UsageSource usageSource,
                     int priceBookVersion) {
}
