package io.sigmacode.kernel.pricing;

/** Whether a debit rests on the usage Dify reported or on the gateway's estimate (no usage came back). */
public enum UsageSource {
    REPORTED, ESTIMATED
}
