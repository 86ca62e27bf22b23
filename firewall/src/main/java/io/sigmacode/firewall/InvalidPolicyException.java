package io.sigmacode.firewall;

/** A policy document the engine refuses to compile; the message names the offending rule or field. */
public final class InvalidPolicyException extends RuntimeException {

    public InvalidPolicyException(String message) {
        super(message);
    }

    public InvalidPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
