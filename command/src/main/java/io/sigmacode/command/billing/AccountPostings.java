package io.sigmacode.command.billing;

/**
 * Hands an account command (credit, revocation, hold, release) to the account inside the payment's own unit of work,
 * so the payment's record and the account's change commit together or not at all.
 */
public interface AccountPostings {

    /** Throws when the account does not exist or refuses; the payment's change is then rolled back as well. */
    void post(Object accountCommand);
}
