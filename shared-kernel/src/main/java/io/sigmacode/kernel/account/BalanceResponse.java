package io.sigmacode.kernel.account;

import java.time.Instant;

public record BalanceResponse(String accountId, long balance, long reserved, long available, Instant asOf) {
}
