package io.sigmacode.gateway.support;

/** Failures arrive wrapped (Axon's execution exceptions, Reactor's, Spring's); what matters is in the chain. */
public final class Causes {

    private Causes() {
    }

    public static boolean include(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
