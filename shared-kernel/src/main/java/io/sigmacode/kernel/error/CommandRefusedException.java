package io.sigmacode.kernel.error;

/**
 * Bad input or a broken precondition detected by an aggregate. It crosses the command bus with a typed code so the
 * HTTP layer never has to parse messages.
 */
public class CommandRefusedException extends RuntimeException {

    private final RefusalCode code;

    public CommandRefusedException(RefusalCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public RefusalCode code() {
        return code;
    }
}
