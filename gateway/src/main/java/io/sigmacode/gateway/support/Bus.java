package io.sigmacode.gateway.support;

import io.sigmacode.gateway.config.BillingProperties;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;

/**
 * The one way WebFlux code talks to Axon. The local buses run handlers, and their JDBC work, on the calling thread,
 * so every send and query is moved off the event loop onto a bounded scheduler and given a timeout.
 */
@Component
public class Bus {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Duration timeout;
    private final Scheduler scheduler = Schedulers.boundedElastic();

    Bus(CommandGateway commands, QueryGateway queries, BillingProperties billing) {
        this.commands = commands;
        this.queries = queries;
        this.timeout = billing.commandTimeout();
    }

    public <R> Mono<R> send(Object command) {
        return Mono.defer(() -> Mono.fromFuture(commands.<R>send(command)))
                .subscribeOn(scheduler)
                .timeout(timeout);
    }

    /** Empty when the query handler answered null (nothing found). */
    public <R> Mono<R> query(Object query, Class<R> responseType) {
        return Mono.defer(() -> Mono.fromFuture(queries.query(query, ResponseTypes.optionalInstanceOf(responseType))))
                .subscribeOn(scheduler)
                .timeout(timeout)
                .flatMap(Mono::justOrEmpty);
    }
}
