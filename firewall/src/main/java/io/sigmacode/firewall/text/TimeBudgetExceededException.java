package io.sigmacode.firewall.text;

/** Unwinds a scan whose time budget is spent; the engine turns it into the fail-closed verdict. */
public final class TimeBudgetExceededException extends RuntimeException {

    public TimeBudgetExceededException() {
        super("time budget exceeded", null, false, false);
    }
}
