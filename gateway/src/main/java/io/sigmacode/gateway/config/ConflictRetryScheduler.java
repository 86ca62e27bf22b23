package io.sigmacode.gateway.config;

import io.sigmacode.gateway.support.Causes;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Retries a command that lost a race for its aggregate to another node (a concurrency conflict on append): the
 * failed attempt evicted the stale cached aggregate, so the retry decides on the current events. Nothing else is
 * retried here — a refusal is deterministic and the bus's caller owns every other failure. Commands on accounts are
 * safe to repeat: a call id starts once, a settlement or a credit id applies once.
 */
final class ConflictRetryScheduler implements RetryScheduler {

    private final ScheduledExecutorService executor;
    private final int maxRetries;
    private final long baseDelayMillis;

    ConflictRetryScheduler(ScheduledExecutorService executor, int maxRetries, long baseDelayMillis) {
        this.executor = executor;
        this.maxRetries = maxRetries;
        this.baseDelayMillis = baseDelayMillis;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
        if (failures.size() > maxRetries || !Causes.include(lastFailure, ConcurrencyException.class)) {
            return false;
        }
        long delay = baseDelayMillis * (1L << (failures.size() - 1));
        long jitter = ThreadLocalRandom.current().nextLong(baseDelayMillis + 1);
        executor.schedule(dispatchTask, delay + jitter, TimeUnit.MILLISECONDS);
        return true;
    }
}
