package io.sigmacode.kernel.call;

/** Every event of a call's life carries the account it is recorded on and the call id: the timeline is built from these. */
public interface CallEvent {
    String accountId();

    String callId();
}
