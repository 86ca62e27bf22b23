package io.sigmacode.gateway.support;

import io.sigmacode.gateway.config.BillingProperties;
import io.sigmacode.kernel.call.CallCommand;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Optional;

/**
 * The one way WebFlux code talks to Axon. The local buses run handlers, and their JDBC work, on the calling thread,
 * so every send and query is moved off the event loop onto a bounded scheduler and given a timeout.
 *
 * <p>The timeout only stops the waiting; it never interrupts the work. Cancelling a task on Reactor's bounded
 * elastic scheduler interrupts its thread, and an interrupt inside a unit of work (taking the account's lock,
 * mid-commit on the JDBC connection) could leave the unit of work unfinished with the lock held, or its events
 * half-committed. A command that outlives its caller's patience therefore runs to its end, whole or not at all; the
 * caller has already answered 503 and recovery or the account's idempotence handles the rest.
 *
 * <p>A command sent for a management request carries the acting caller and the request id as metadata
 * ({@link Actor}); Axon copies them into the metadata of every event the command applies.
 */
@Component
public class Bus {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final GroupCommit groupCommit;
    private final Duration timeout;
    private final Scheduler scheduler = Schedulers.boundedElastic();

    Bus(CommandGateway commands, QueryGateway queries, GroupCommit groupCommit, BillingProperties billing) {
        this.commands = commands;
        this.queries = queries;
        this.groupCommit = groupCommit;
        this.timeout = billing.commandTimeout();
    }

    /** A call's commands are committed in groups per account ({@link GroupCommit}); every other command alone. */
    public <R> Mono<R> send(Object command) {
        if (command instanceof CallCommand call) {
            return Mono.defer(() -> Mono.fromFuture(groupCommit.<R>send(call), true)).timeout(timeout);
        }
        return Mono.deferContextual(context -> {
            Optional<Actor> actor = context.getOrEmpty(Actor.class);
            Object message = actor.<Object>map(who -> GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(who.metadata())).orElse(command);
            return Uninterrupted.future(scheduler, () -> commands.<R>send(message));
        }).timeout(timeout);
    }

    /** Empty when the query handler answered null (nothing found). */
    public <R> Mono<R> query(Object query, Class<R> responseType) {
        return Uninterrupted.future(scheduler, () -> queries.query(query,
                        ResponseTypes.optionalInstanceOf(responseType)))
                .timeout(timeout)
                .flatMap(Mono::justOrEmpty);
    }
}
