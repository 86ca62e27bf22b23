package io.sigmacode.kernel.error;

/** Why the command side refused a command; the gateway maps each code to an HTTP status in one place. */
public enum RefusalCode {
    /** The request named an app, key, account or tenant that does not exist (or belongs to another tenant). */
    NOT_FOUND,
    /** The request contradicts the current state, e.g. revoking a key twice or a duplicate identifier. */
    CONFLICT,
    /** A value is out of range, e.g. a non-positive token amount. */
    INVALID
}
