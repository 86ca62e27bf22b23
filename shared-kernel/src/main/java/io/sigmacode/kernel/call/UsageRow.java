package io.sigmacode.kernel.call;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;

/** One group of calls; the grouping fields not asked for are null and left out of the JSON. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageRow(LocalDate day, String endpoint, String appId, long calls, long blockedCalls, long llmTokens,
                       long tokensCharged) {
}
