package io.sigmacode.standin;

/**
 * What goes wrong in one scripted stream: after {@code afterEvents} data events either an in-band
 * {@code error} event follows ({@code error != null}) or the connection is dropped without one.
 */
record StreamFault(int afterEvents, DifyError error) {

    StreamFault {
        if (afterEvents < 0) {
            throw new IllegalArgumentException("afterEvents must not be negative");
        }
    }

    boolean cutsConnection() {
        return error == null;
    }
}
