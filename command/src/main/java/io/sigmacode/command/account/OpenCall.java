package io.sigmacode.command.account;

/**
 * A call the account has started and not yet finished: what it holds reserved, and the endpoint, app and price book
 * version that price it ({@code priceBookVersion} null for calls started before the version was recorded).
 */
record OpenCall(long reserved, String endpoint, String appId, Integer priceBookVersion) {

    OpenCall plus(long tokens) {
        return new OpenCall(reserved + tokens, endpoint, appId, priceBookVersion);
    }
}
