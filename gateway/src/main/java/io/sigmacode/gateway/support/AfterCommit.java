package io.sigmacode.gateway.support;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/** In-memory state that mirrors stored events changes only once those events are stored. */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs {@code action} after the current unit of work commits, or at once outside of one. */
    public static void run(Runnable action) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> action.run());
        } else {
            action.run();
        }
    }
}
