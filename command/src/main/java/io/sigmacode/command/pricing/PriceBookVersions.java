package io.sigmacode.command.pricing;

import io.sigmacode.kernel.error.CommandRefusedException;
import io.sigmacode.kernel.error.RefusalCode;
import io.sigmacode.kernel.pricing.PriceBookDocument;
import io.sigmacode.kernel.pricing.TokenPackage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Version 1 of the price book, the rules every published version must meet, and the bridge to {@link PriceBook}. */
public final class PriceBookVersions {

    /** No endpoint costs more than a million tokens per call: a larger figure is a typing error, not a price. */
    static final long MAX_FLAT_FEE = 1_000_000;
    static final BigDecimal MAX_RATE = BigDecimal.valueOf(1_000_000);
    /** Rates finer than a millionth of a token per 1,000 LLM tokens would only hide rounding. */
    static final int MAX_RATE_SCALE = 6;
    static final long MAX_LLM_TOKENS_PER_CALL = 1_000_000_000;
    /** Packages stay far below the account's ceiling of 10^15 tokens. */
    static final long MAX_PACKAGE_TOKENS = 1_000_000_000_000L;
    /** Stripe's own limit on one Checkout amount is eight digits in most currencies. */
    static final long MAX_PRICE_MINOR = 99_999_999;
    private static final Pattern PACKAGE_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern ENDPOINT = Pattern.compile("[a-z0-9][a-z0-9/_-]{0,127}");
    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private PriceBookVersions() {
    }

    /** The brief's prices ({@link PriceBook#initial()}) and api.md's three packages in EUR cents. */
    public static PriceBookDocument initialDocument() {
        PriceBook prices = PriceBook.initial();
        return new PriceBookDocument(prices.version(), prices.flatFees(), prices.ratePer1000(), Map.of(), List.of(),
                prices.maxLlmTokensPerCall(), List.of(
                new TokenPackage("starter", 1_000L, 999L, "EUR"),
                new TokenPackage("pro", 10_000L, 7_999L, "EUR"),
                new TokenPackage("enterprise", 100_000L, 59_999L, "EUR")));
    }

    /** The prices a call is charged by under this version; the document must be valid. */
    public static PriceBook prices(PriceBookDocument document) {
        return new PriceBook(document.version(), document.flatFees(), document.ratePer1000(),
                document.appRatesPer1000(), Set.copyOf(document.freeEndpoints()), document.maxLlmTokensPerCall());
    }

    /**
     * Refuses a document with every problem named at once. Every endpoint version 1 prices must stay priced (with
     * 0 for free): the proxy refuses a call on an endpoint without a price.
     */
    static void validate(PriceBookDocument document) {
        if (document == null) {
            throw new CommandRefusedException(RefusalCode.INVALID, "a price book document is required");
        }
        List<String> problems = new ArrayList<>();
        validateFees(document.flatFees(), problems);
        validateRate("ratePer1000", document.ratePer1000(), problems);
        validateAppRates(document.appRatesPer1000(), problems);
        validateFreeEndpoints(document.freeEndpoints(), document.flatFees(), problems);
        Long max = document.maxLlmTokensPerCall();
        if (max == null || max <= 0 || max > MAX_LLM_TOKENS_PER_CALL) {
            problems.add("maxLlmTokensPerCall must be between 1 and " + MAX_LLM_TOKENS_PER_CALL);
        }
        validatePackages(document.packages(), problems);
        if (!problems.isEmpty()) {
            throw new CommandRefusedException(RefusalCode.INVALID, String.join("; ", problems));
        }
    }

    private static void validateRate(String name, BigDecimal rate, List<String> problems) {
        if (rate == null || rate.signum() < 0 || rate.compareTo(MAX_RATE) > 0) {
            problems.add(name + " must be between 0 and " + MAX_RATE);
        } else if (rate.stripTrailingZeros().scale() > MAX_RATE_SCALE) {
            problems.add(name + " has more than " + MAX_RATE_SCALE + " decimal places");
        }
    }

    private static void validateAppRates(Map<String, BigDecimal> rates, List<String> problems) {
        rates.forEach((app, rate) -> {
            if (app == null || !APP_ID.matcher(app).matches()) {
                problems.add("appRatesPer1000: '" + app + "' is no app id");
            } else {
                validateRate("appRatesPer1000." + app, rate, problems);
            }
        });
    }

    /** A free endpoint keeps its flat fee in the book, so making it paid again is one list entry, not two. */
    private static void validateFreeEndpoints(List<String> free, Map<String, Long> fees, List<String> problems) {
        var seen = new HashSet<String>();
        for (String endpoint : free) {
            if (fees == null || endpoint == null || !fees.containsKey(endpoint)) {
                problems.add("freeEndpoints: '" + endpoint + "' has no flat fee");
            } else if (!seen.add(endpoint)) {
                problems.add("freeEndpoints: '" + endpoint + "' appears twice");
            }
        }
    }

    private static void validateFees(Map<String, Long> fees, List<String> problems) {
        if (fees == null) {
            problems.add("flatFees is required");
            return;
        }
        fees.forEach((endpoint, fee) -> {
            if (endpoint == null || !ENDPOINT.matcher(endpoint).matches()) {
                problems.add("flatFees: '" + endpoint + "' is no endpoint name");
            } else if (fee == null || fee < 0 || fee > MAX_FLAT_FEE) {
                problems.add("flatFees." + endpoint + " must be between 0 and " + MAX_FLAT_FEE);
            }
        });
        PriceBook.initial().flatFees().keySet().stream().sorted()
                .filter(endpoint -> !fees.containsKey(endpoint))
                .forEach(endpoint -> problems.add("flatFees." + endpoint + " is required (0 makes it free)"));
    }

    private static void validatePackages(List<TokenPackage> packages, List<String> problems) {
        if (packages == null || packages.isEmpty()) {
            problems.add("packages must list at least one package");
            return;
        }
        var ids = new HashSet<String>();
        for (int i = 0; i < packages.size(); i++) {
            TokenPackage p = packages.get(i);
            String at = "packages[" + i + "]";
            if (p == null) {
                problems.add(at + " is empty");
                continue;
            }
            if (p.id() == null || !PACKAGE_ID.matcher(p.id()).matches()) {
                problems.add(at + ".id must be 1 to 64 lower-case letters, digits, '-' or '_'");
            } else if (!ids.add(p.id())) {
                problems.add(at + ".id '" + p.id() + "' appears twice");
            }
            if (p.tokens() == null || p.tokens() <= 0 || p.tokens() > MAX_PACKAGE_TOKENS) {
                problems.add(at + ".tokens must be between 1 and " + MAX_PACKAGE_TOKENS);
            }
            if (p.priceMinor() == null || p.priceMinor() <= 0 || p.priceMinor() > MAX_PRICE_MINOR) {
                problems.add(at + ".priceMinor must be between 1 and " + MAX_PRICE_MINOR + " (minor units)");
            }
            if (p.currency() == null || !CURRENCY.matcher(p.currency()).matches()) {
                problems.add(at + ".currency must be an ISO 4217 code in capitals, such as EUR");
            }
        }
    }
}
