package io.sigmacode.kernel.account;

public record LowBalanceAlertSetEvent(String accountId, long threshold, String url, String sealedSecret) {
}
