package io.sigmacode.command.account;

/** A call the account has started and not yet finished: what it holds reserved and the endpoint that prices it. */
record OpenCall(long reserved, String endpoint) {

    OpenCall plus(long tokens) {
        return new OpenCall(reserved + tokens, endpoint);
    }
}
