package io.sigmacode.kernel.account;

import java.time.Instant;

/** {@code held}: tokens frozen by open disputes; {@code available} = balance + overdraft − reserved − held. */
public record BalanceResponse(String accountId, long balance, long reserved, long held, long available,
                              Instant asOf) {
}
