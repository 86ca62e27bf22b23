package io.sigmacode.gateway.config;

import io.sigmacode.kernel.error.CommandRefusedException;
import io.sigmacode.kernel.error.RefusalCode;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ConflictHandlingTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final ConflictRetryScheduler scheduler = new ConflictRetryScheduler(executor, 2, 1);
    private final PostgresDuplicateKeyResolver resolver = new PostgresDuplicateKeyResolver();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static List<Class<? extends Throwable>[]> failures(int count) {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            failures.add(new Class[] {ConcurrencyException.class});
        }
        return failures;
    }

    @Test
    void aUniqueViolationInsideABatchInsertIsADuplicateKey() {
        var batch = new BatchUpdateException("batch entry 0 failed", new int[0]);
        batch.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));

        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("append failed", batch))).isTrue();
    }

    @Test
    void otherDatabaseFailuresAreNotDuplicateKeys() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("bigint out of range", "22003"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("no SQL here"))).isFalse();
    }

    @Test
    void aConflictIsRetriedOnFreshState() throws InterruptedException {
        CountDownLatch dispatched = new CountDownLatch(1);

        boolean scheduled = scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("command"),
                new ConcurrencyException("stale"), failures(1), dispatched::countDown);

        assertThat(scheduled).isTrue();
        assertThat(dispatched.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRefusalIsNeverRetried() {
        boolean scheduled = scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("command"),
                new CommandRefusedException(RefusalCode.INVALID, "no"), failures(1), () -> { });

        assertThat(scheduled).isFalse();
    }

    @Test
    void conflictsStopBeingRetriedAfterTheLimit() {
        boolean scheduled = scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("command"),
                new ConcurrencyException("stale"), failures(3), () -> { });

        assertThat(scheduled).isFalse();
    }
}
