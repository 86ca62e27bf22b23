package io.sigmacode.kernel.account;

/** The available tokens fell below the threshold; raised once per crossing. */
public record LowBalanceReachedEvent(String accountId, long threshold, long available) {
}
