package io.sigmacode.kernel.account;

public enum RevocationReason {
    REFUND, DISPUTE_LOST
}
