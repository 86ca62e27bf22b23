package io.sigmacode.gateway.support;

import io.sigmacode.gateway.config.BillingProperties;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class BusTest {

    private final CommandGateway commands = mock(CommandGateway.class);
    private final Bus bus = new Bus(commands, mock(QueryGateway.class), mock(GroupCommit.class),
            new BillingProperties(4000, 250, Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofSeconds(30)));

    @Test
    void aCommandThatOutlivesTheTimeoutRunsToItsEndUninterrupted() throws InterruptedException {
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        when(commands.send(any())).thenAnswer(invocation -> {
            try {
                // still working when the caller gives up; an interrupt would end this wait early
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            finished.countDown();
            return CompletableFuture.completedFuture("done");
        });

        StepVerifier.create(bus.send("slow command")).expectError(TimeoutException.class).verify();
        release.countDown();

        assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).as("the command's thread was interrupted").isFalse();
    }

    @Test
    void aCommandsResultAndFailureReachTheCaller() {
        when(commands.send("ok")).thenReturn(CompletableFuture.completedFuture("result"));
        when(commands.send("bad")).thenReturn(CompletableFuture.failedFuture(new IllegalStateException("refused")));

        StepVerifier.create(bus.<String>send("ok")).expectNext("result").verifyComplete();
        StepVerifier.create(bus.send("bad")).expectError(IllegalStateException.class).verify();
    }
}
