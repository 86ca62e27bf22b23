package io.sigmacode.gateway.config;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** How commands and subscribing handlers behave when something fails, and where snapshots are taken. */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class AxonProcessingConfig {

    /** Tracking groups (pooled processors) whose poison events go to a dead-letter queue instead of stopping them. */
    public static final List<String> TRACKING_GROUPS = List.of("balance", "usage", "timeline", "open-calls",
            "reconciliation", "low-balance");
    /** Groups whose handlers run inside the command's transaction. */
    static final List<String> SUBSCRIBING_GROUPS = List.of("directory", "firewall-policy-cache", "key-cache",
            "price-book-cache");
    /** Snapshots waiting beyond this are dropped: a snapshot is an optimisation, the next trigger takes another. */
    private static final int PENDING_SNAPSHOTS = 1_000;

    /**
     * A subscribing handler shares the command's transaction. Axon's default logs its failure and carries on, and
     * PostgreSQL then silently rolls back the aborted transaction at commit: the client got 2xx for nothing stored.
     * Propagating fails the command instead.
     */
    @Bean
    ConfigurerModule subscribingFailuresFailTheCommand() {
        return configurer -> configurer.eventProcessing(processing -> SUBSCRIBING_GROUPS.forEach(group ->
                processing.registerListenerInvocationErrorHandler(group, c -> PropagatingErrorHandler.instance())));
    }

    /**
     * Each node extends its claims and looks for unclaimed segments every {@code sigmacode.node.claim-every}: a
     * segment whose owner stopped extending is taken over within {@code claim-timeout} plus that.
     */
    @Bean
    ConfigurerModule projectionClaims(NodeProperties node, EventProcessorProperties processors) {
        long every = node.claimEvery().toMillis();
        // Axon applies the processors' Spring settings after any configurer module, so the interval goes there
        TRACKING_GROUPS.forEach(group -> {
            var settings = processors.getProcessors().computeIfAbsent(group,
                    name -> new EventProcessorProperties.ProcessorSettings());
            settings.setTokenClaimInterval(every);
            settings.setTokenClaimIntervalTimeUnit(TimeUnit.MILLISECONDS);
        });
        return configurer -> configurer.eventProcessing(processing -> TRACKING_GROUPS.forEach(group -> processing
                .registerPooledStreamingEventProcessorConfiguration(group, (config, builder) -> builder
                        .tokenClaimInterval(every)
                        .claimExtensionThreshold(every))));
    }

    /** Projection lag per tracking group, the one Axon metric the gateway keeps by default (see application.yml). */
    @Bean
    ConfigurerModule projectionLag(MeterRegistry meters) {
        return configurer -> configurer.configureMessageMonitor(EventProcessor.class, (config, type, name) -> {
            MessageMonitor<? extends Message<?>> monitor = TRACKING_GROUPS.contains(name)
                    ? new ProjectionLagMonitor(name, meters) : NoOpMessageMonitor.INSTANCE;
            return (MessageMonitor<Message<?>>) monitor;
        });
    }

    /**
     * A poison event (one its projection cannot store) is set aside with every later event of its account, so the
     * other accounts' views keep moving. The dead letters are listed, retried and skipped through
     * {@code /api/admin/dead-letters}.
     */
    @Bean
    ConfigurerModule deadLetterQueues(ConnectionProvider connections, DeadLetterSchema schema,
                                      Serializer serializer, @Qualifier("eventSerializer") Serializer events) {
        return configurer -> configurer.eventProcessing(processing -> TRACKING_GROUPS.forEach(group -> processing
                .registerDeadLetterQueue(group, config -> JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(group)
                        .connectionProvider(connections)
                        .transactionManager(config.getComponent(TransactionManager.class))
                        .schema(schema)
                        .genericSerializer(serializer)
                        .eventSerializer(events)
                        .build())
                // without it, every event costs a query asking whether its account has dead letters
                .registerDeadLetteringEventHandlerInvokerConfiguration(group,
                        (config, invoker) -> invoker.enableSequenceIdentifierCache())));
    }

    /**
     * Snapshots on a thread of their own. Axon's default takes the snapshot on the committing thread after commit,
     * while the account's lock is still held: it then needs a second pool connection, while every other connection
     * may be held by a command waiting for that lock — a stall until the pool times out, at every snapshot.
     */
    @Bean
    @Primary
    SpringAggregateSnapshotter asyncSnapshotter(Configuration configuration, HandlerDefinition handlerDefinition,
                                                ParameterResolverFactory parameterResolverFactory,
                                                EventStore eventStore, TransactionManager transactionManager,
                                                SnapshotterSpanFactory spanFactory) {
        var executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(PENDING_SNAPSHOTS), runnable -> {
                    Thread thread = new Thread(runnable, "axon-snapshotter");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardPolicy());
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(executor)
                .build();
    }
}
