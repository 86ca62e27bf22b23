package io.sigmacode.kernel.account;

import io.sigmacode.kernel.pricing.Charge;

/** One debit as it was recorded, with the endpoint and app that priced it: the inputs of its re-pricing. */
public record DebitToCorrect(String callId, String endpoint, String appId, Charge charge) {
}
