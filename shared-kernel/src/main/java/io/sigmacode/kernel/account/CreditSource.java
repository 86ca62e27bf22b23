package io.sigmacode.kernel.account;

/** Why tokens were credited; finance reconciles each source separately. */
public enum CreditSource {
    PURCHASE, GRANT, ADJUSTMENT
}
