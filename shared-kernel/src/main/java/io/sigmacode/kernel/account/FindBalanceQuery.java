package io.sigmacode.kernel.account;

import java.time.Instant;

/** {@code asOf} null means now. */
public record FindBalanceQuery(String accountId, Instant asOf) {
}
