package io.sigmacode.command.account;

import io.sigmacode.kernel.pricing.Usage;
import io.sigmacode.kernel.pricing.UsageSource;

/**
 * The usage a call is charged for. Dify's report is taken as it stands when it is plausible: no negative figure and
 * no more than {@code max} LLM tokens. A negative report is not usage at all, so the gateway's estimate is charged
 * instead; a report above {@code max} is charged at {@code max}. Either way {@code flag} says so, for review.
 */
record BilledUsage(Usage usage, UsageSource source, String flag) {

    static final String INVALID = "invalid_usage";
    static final String ABOVE_CEILING = "above_ceiling";

    static BilledUsage of(Usage reported, Usage estimated, long max) {
        if (reported == null) {
            return new BilledUsage(bounded(estimated, max), UsageSource.ESTIMATED, null);
        }
        if (reported.promptTokens() < 0 || reported.completionTokens() < 0 || reported.totalTokens() < 0) {
            return new BilledUsage(bounded(estimated, max), UsageSource.ESTIMATED, INVALID);
        }
        long total = Math.max(reported.totalTokens(),
                saturatedSum(reported.promptTokens(), reported.completionTokens()));
        if (total > max) {
            return new BilledUsage(new Usage(Math.min(reported.promptTokens(), max),
                    Math.min(reported.completionTokens(), max), max), UsageSource.REPORTED, ABOVE_CEILING);
        }
        return new BilledUsage(new Usage(reported.promptTokens(), reported.completionTokens(), total),
                UsageSource.REPORTED, null);
    }

    private static Usage bounded(Usage estimate, long max) {
        if (estimate == null) {
            return Usage.NONE;
        }
        long prompt = Math.min(Math.max(estimate.promptTokens(), 0), max);
        long completion = Math.min(Math.max(estimate.completionTokens(), 0), max);
        return new Usage(prompt, completion, Math.min(saturatedSum(prompt, completion), max));
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
