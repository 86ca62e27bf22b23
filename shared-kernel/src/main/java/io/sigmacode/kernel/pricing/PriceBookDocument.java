package io.sigmacode.kernel.pricing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One published version of the prices as the API shows it: per endpoint a flat fee in platform tokens, platform
 * tokens per 1,000 LLM tokens (for every app, or per app in {@code appRatesPer1000}), the endpoints that cost nothing
 * at all, the most LLM tokens one call is charged for, and the packages for sale. {@code version} is assigned on
 * publication; a submitted document's own number is ignored. Documents published before app rates and free
 * endpoints existed read as having none.
 */
public record PriceBookDocument(Integer version, Map<String, Long> flatFees, BigDecimal ratePer1000,
                                Map<String, BigDecimal> appRatesPer1000, List<String> freeEndpoints,
                                Long maxLlmTokensPerCall, List<TokenPackage> packages) {

    public PriceBookDocument {
        appRatesPer1000 = appRatesPer1000 == null ? Map.of() : appRatesPer1000;
        freeEndpoints = freeEndpoints == null ? List.of() : freeEndpoints;
    }

    /** @return the package with this id, or null */
    public TokenPackage tokenPackage(String id) {
        return packages == null ? null : packages.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
    }
}
