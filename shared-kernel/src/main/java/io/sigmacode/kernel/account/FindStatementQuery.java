package io.sigmacode.kernel.account;

import java.time.Instant;

/** An account's statement for a period: {@code from} included, {@code to} excluded. */
public record FindStatementQuery(String accountId, Instant from, Instant to) {
}
