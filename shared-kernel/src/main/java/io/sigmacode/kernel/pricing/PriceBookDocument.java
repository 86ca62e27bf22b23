package io.sigmacode.kernel.pricing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One published version of the prices as the API shows it: per endpoint a flat fee in platform tokens (0 is free),
 * platform tokens per 1,000 LLM tokens, the most LLM tokens one call is charged for, and the packages for sale.
 * {@code version} is assigned on publication; a submitted document's own number is ignored.
 */
public record PriceBookDocument(Integer version, Map<String, Long> flatFees, BigDecimal ratePer1000,
                                Long maxLlmTokensPerCall, List<TokenPackage> packages) {

    /** @return the package with this id, or null */
    public TokenPackage tokenPackage(String id) {
        return packages == null ? null : packages.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
    }
}
