package io.sigmacode.kernel.account;

/** The available tokens are back at or above the threshold: the next fall below raises a new alert. */
public record LowBalanceClearedEvent(String accountId, long threshold, long available) {
}
