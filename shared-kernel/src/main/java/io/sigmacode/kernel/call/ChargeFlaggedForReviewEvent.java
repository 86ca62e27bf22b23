package io.sigmacode.kernel.call;

import io.sigmacode.kernel.pricing.Usage;

/**
 * The usage Dify reported for a call could not be charged as it stood: negative figures, or more than the price
 * book's ceiling for one call. The call was charged within bounds (the estimate, or the ceiling); finance reviews
 * these. {@code reason} is {@code invalid_usage} or {@code above_ceiling}.
 */
public record ChargeFlaggedForReviewEvent(String accountId, String callId, String reason, Usage reportedUsage,
                                          long ceilingTokens) implements CallEvent {
}
