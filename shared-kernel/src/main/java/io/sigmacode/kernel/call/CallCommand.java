package io.sigmacode.kernel.call;

/**
 * The commands of a proxied call's life (start, settle, release): all on the account's stream, all on the hot path,
 * so the gateway may commit several of one account's together.
 */
public interface CallCommand {
    String accountId();

    String callId();
}
