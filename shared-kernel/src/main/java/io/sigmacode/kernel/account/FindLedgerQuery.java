package io.sigmacode.kernel.account;

import java.time.Instant;

/** Credits and debits of an account between two instants ({@code from} included, {@code to} excluded). */
public record FindLedgerQuery(String accountId, Instant from, Instant to) {
}
