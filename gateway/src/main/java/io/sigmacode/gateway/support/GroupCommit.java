package io.sigmacode.gateway.support;

import io.sigmacode.command.account.TokenAccount;
import io.sigmacode.kernel.call.CallCommand;
import io.sigmacode.kernel.error.CommandRefusedException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.GenericResultMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Group commit for the hot path. The calls of one account are serialised by the account anyway; instead of one
 * unit of work and one database commit per command, the commands that queue up for an account while one commit is
 * under way are decided together, one after another on the same account, in one unit of work: their events go to
 * PostgreSQL in one batch and one durable commit. Under light load a batch holds one command and nothing changes;
 * under load the batch grows and the commits per call shrink.
 *
 * <p>The account's handlers refuse before they apply anything, so one refused command is answered alone and the
 * rest of the batch goes on. Anything else that fails — a handler's unexpected error, the commit itself — fails the
 * whole batch and nothing of it is stored. A batch that lost a race for the account to another node (the append
 * conflicts) is decided again on the fresh events, like a single command.
 */
@Component
class GroupCommit {

    /** Commands decided in one unit of work at most; bounds a commit's size and the wait of the first in it. */
    static final int MAX_BATCH = 64;
    private static final int CONFLICT_RETRIES = 8;
    private static final long CONFLICT_BACKOFF_NANOS = 5_000_000;

    private final ObjectProvider<Configuration> axon;
    private final ObjectProvider<TransactionManager> transactions;
    private final Scheduler scheduler = Schedulers.boundedElastic();
    private final Map<String, AccountQueue> queues = new ConcurrentHashMap<>();
    private volatile Repository<TokenAccount> repository;

    GroupCommit(ObjectProvider<Configuration> axon, ObjectProvider<TransactionManager> transactions) {
        this.axon = axon;
        this.transactions = transactions;
    }

    private record Pending(CommandMessage<?> command, CompletableFuture<Object> result) {
    }

    private static final class AccountQueue {
        final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();
        final AtomicBoolean draining = new AtomicBoolean();
    }

    <R> CompletableFuture<R> send(CallCommand command) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        AccountQueue queue = queues.computeIfAbsent(command.accountId(), id -> new AccountQueue());
        queue.waiting.add(new Pending(GenericCommandMessage.asCommandMessage(command), result));
        drainIfIdle(command.accountId(), queue);
        @SuppressWarnings("unchecked")
        CompletableFuture<R> typed = (CompletableFuture<R>) result;
        return typed;
    }

    private void drainIfIdle(String accountId, AccountQueue queue) {
        if (queue.draining.compareAndSet(false, true)) {
            try {
                scheduler.schedule(() -> drain(accountId, queue));
            } catch (RuntimeException rejected) {
                queue.draining.set(false);
                failAll(queue, rejected);
            }
        }
    }

    private void drain(String accountId, AccountQueue queue) {
        try {
            List<Pending> batch = new ArrayList<>();
            for (Pending next = queue.waiting.poll(); next != null; next = queue.waiting.poll()) {
                batch.add(next);
                if (batch.size() == MAX_BATCH) {
                    decide(accountId, batch);
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                decide(accountId, batch);
            }
        } finally {
            queue.draining.set(false);
            if (queue.waiting.isEmpty()) {
                queues.remove(accountId, queue);
            }
            if (!queue.waiting.isEmpty()) {
                drainIfIdle(accountId, queue);
            }
        }
    }

    private void decide(String accountId, List<Pending> batch) {
        try {
            decideOrFail(accountId, batch);
        } catch (RuntimeException | Error unexpected) {
            batch.forEach(pending -> pending.result().completeExceptionally(unexpected));
        }
    }

    private void decideOrFail(String accountId, List<Pending> batch) {
        for (int attempt = 0; ; attempt++) {
            List<Object> outcomes = new ArrayList<>(batch.size());
            ResultMessage<?> committed = inOneUnitOfWork(accountId, batch, outcomes);
            if (!committed.isExceptional()) {
                for (int i = 0; i < batch.size(); i++) {
                    complete(batch.get(i).result(), outcomes.get(i));
                }
                return;
            }
            Throwable failure = committed.exceptionResult();
            if (!Causes.include(failure, ConcurrencyException.class) || attempt == CONFLICT_RETRIES) {
                batch.forEach(pending -> pending.result().completeExceptionally(failure));
                return;
            }
            LockSupport.parkNanos(CONFLICT_BACKOFF_NANOS << Math.min(attempt, 6));
        }
    }

    private ResultMessage<?> inOneUnitOfWork(String accountId, List<Pending> batch, List<Object> outcomes) {
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(batch.get(0).command());
        try {
            unitOfWork.attachTransaction(transactions.getObject());
        } catch (RuntimeException noTransaction) {
            // the database is unreachable: end the unit of work here, or it would stay current on this thread
            unitOfWork.rollback(noTransaction);
            return GenericResultMessage.asResultMessage(noTransaction);
        }
        try {
            return unitOfWork.executeWithResult(() -> {
                Aggregate<TokenAccount> account = repository().load(accountId);
                for (Pending pending : batch) {
                    try {
                        outcomes.add(account.handle(pending.command()));
                    } catch (CommandRefusedException refused) {
                        outcomes.add(refused);
                    }
                }
                return null;
            });
        } catch (Error error) {
            // an Error passes through Axon's unit of work; end it here, or it stays current on this pooled thread
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(error);
            }
            throw error;
        }
    }

    private static void complete(CompletableFuture<Object> result, Object outcome) {
        if (outcome instanceof CommandRefusedException refused) {
            result.completeExceptionally(refused);
        } else {
            result.complete(outcome);
        }
    }

    private static void failAll(AccountQueue queue, Throwable failure) {
        for (Pending next = queue.waiting.poll(); next != null; next = queue.waiting.poll()) {
            next.result().completeExceptionally(failure);
        }
    }

    private Repository<TokenAccount> repository() {
        Repository<TokenAccount> known = repository;
        if (known == null) {
            known = axon.getObject().repository(TokenAccount.class);
            repository = known;
        }
        return known;
    }
}
