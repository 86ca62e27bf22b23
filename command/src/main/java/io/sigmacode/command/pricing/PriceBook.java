package io.sigmacode.command.pricing;

import io.sigmacode.kernel.pricing.Charge;
import io.sigmacode.kernel.pricing.Usage;
import io.sigmacode.kernel.pricing.UsageSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Set;

/**
 * One version of the prices: per endpoint a flat fee in platform tokens plus a rate per 1,000 LLM tokens, the
 * app's own rate where {@code appRates} has one (an app is bound to one model in Dify, so this is the per-model rate
 * too). A free endpoint costs nothing at all, neither its fee nor its LLM tokens.
 * Platform tokens are whole numbers, so the LLM part is rounded up: a call never costs less than its inputs say.
 * {@code maxLlmTokensPerCall} bounds what one call can be charged for, whatever usage is reported: no model in use
 * today takes more in one call, so a larger figure is a fault upstream, not usage.
 */
public record PriceBook(int version, Map<String, Long> flatFees, BigDecimal ratePer1000,
                        Map<String, BigDecimal> appRates, Set<String> freeEndpoints, long maxLlmTokensPerCall) {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    /** Two million LLM tokens: the largest context windows offered today, input and output together. */
    static final long DEFAULT_MAX_LLM_TOKENS_PER_CALL = 2_000_000;

    public PriceBook {
        flatFees = Map.copyOf(flatFees);
        appRates = Map.copyOf(appRates);
        freeEndpoints = Set.copyOf(freeEndpoints);
        if (maxLlmTokensPerCall <= 0) {
            throw new IllegalArgumentException("maxLlmTokensPerCall must be positive");
        }
    }

    /** The brief's starting prices: chat message 1, completion 1, workflow run 5, ... and 2 per 1,000 LLM tokens. */
    public static PriceBook initial() {
        return new PriceBook(1, Map.of(
                "chat-messages", 1L,
                "completion-messages", 1L,
                "workflows/run", 5L,
                "agent-chat-messages", 10L,
                "files/upload", 20L,
                "audio-to-text", 2L,
                "text-to-audio", 2L), BigDecimal.valueOf(2), Map.of(), Set.of(), DEFAULT_MAX_LLM_TOKENS_PER_CALL);
    }

    /**
     * Refuses usage beyond {@link #maxLlmTokensPerCall()}: callers bound it first. The charge keeps the fee and the
     * rate it applied, so it can be recomputed from the charge alone.
     */
    public Charge charge(String endpoint, String appId, Usage usage, UsageSource source) {
        if (usage.totalTokens() < 0 || usage.totalTokens() > maxLlmTokensPerCall) {
            throw new IllegalArgumentException("usage outside 0.." + maxLlmTokensPerCall + ": " + usage.totalTokens());
        }
        long flatFee = flatFee(endpoint);
        if (freeEndpoints.contains(endpoint)) {
            return new Charge(0, 0, BigDecimal.ZERO, usage, source, version);
        }
        BigDecimal rate = rate(appId);
        long llmPart = BigDecimal.valueOf(usage.totalTokens()).multiply(rate)
                .divide(THOUSAND, 0, RoundingMode.CEILING).longValueExact();
        return new Charge(flatFee + llmPart, flatFee, rate, usage, source, version);
    }

    /** The most one call of this app on this endpoint can cost. */
    public long ceiling(String endpoint, String appId) {
        return charge(endpoint, appId, new Usage(0, 0, maxLlmTokensPerCall), UsageSource.ESTIMATED).tokens();
    }

    /** Platform tokens per 1,000 LLM tokens for this app: its own rate, else the book's. */
    public BigDecimal rate(String appId) {
        return appId == null ? ratePer1000 : appRates.getOrDefault(appId, ratePer1000);
    }

    public long flatFee(String endpoint) {
        Long fee = flatFees.get(endpoint);
        if (fee == null) {
            throw new IllegalArgumentException("no price for endpoint " + endpoint);
        }
        return fee;
    }
}
