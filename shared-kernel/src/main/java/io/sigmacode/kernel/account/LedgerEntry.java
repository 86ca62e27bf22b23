package io.sigmacode.kernel.account;

import java.time.Instant;

/**
 * One change of the balance: {@code tokens} is signed, {@code balance} is the running balance after it.
 * {@code source} says where a credit came from ({@code grant} or {@code stripe}); null for other kinds.
 */
public record LedgerEntry(Instant occurredAt, String kind, String reference, long tokens, long balance,
                          String source) {
}
