package io.sigmacode.query.directory;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Rebuilds the directory (tenants, apps, keys) from the tenants' events while the gateway keeps serving. The directory is subscribing
 * (it must change in the command's own transaction), so no tracking token can be reset: instead one transaction
 * locks its tables against writers, empties them with DELETE and replays every tenant's events. Readers (every
 * key check) keep seeing the old rows until the commit; a command that changes a tenant meanwhile waits for the
 * lock, so its change lands after the replay, never lost.
 */
@Component
public class DirectoryReplay {

    public static final String NAME = DirectoryProjection.NAME;

    private final JdbcTemplate jdbc;
    private final DirectoryProjection projection;
    private final TransactionTemplate transaction;
    private final EventStore events;
    private final EventProcessingConfiguration processing;
    private final AtomicBoolean replaying = new AtomicBoolean();

    DirectoryReplay(JdbcTemplate jdbc, DirectoryProjection projection, PlatformTransactionManager transactions,
                    EventStore events, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.projection = projection;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
        this.processing = processing;
    }

    public boolean replaying() {
        return replaying.get();
    }

    /** @return the number of events replayed; refuses a second replay while one runs */
    public long replay() {
        if (!replaying.compareAndSet(false, true)) {
            throw new IllegalStateException("the directory is already being replayed");
        }
        try {
            Long replayed = transaction.execute(status -> rebuild());
            return replayed == null ? 0 : replayed;
        } finally {
            replaying.set(false);
        }
    }

    private long rebuild() {
        jdbc.execute("LOCK TABLE tenant_view, app_view, api_key_view IN SHARE ROW EXCLUSIVE MODE");
        EventHandlerInvoker invoker = processing.eventProcessor(NAME, SubscribingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no subscribing processor " + NAME))
                .eventHandlerInvoker();
        List<String> tenants = jdbc.queryForList(
                "SELECT DISTINCT aggregate_identifier FROM domain_event_entry WHERE type = 'Tenant'", String.class);
        // Not the group's reset: the firewall policy and price book projections share the processing group, and
        // their events (other aggregates) are not replayed here.
        projection.reset();
        long replayed = 0;
        for (String tenant : tenants) {
            DomainEventStream stream = events.readEvents(tenant);
            while (stream.hasNext()) {
                EventMessage<?> event = stream.next();
                if (invoker.canHandle(event, Segment.ROOT_SEGMENT)) {
                    handle(invoker, event);
                    replayed++;
                }
            }
        }
        return replayed;
    }

    private static void handle(EventHandlerInvoker invoker, EventMessage<?> event) {
        try {
            invoker.handle(event, Segment.ROOT_SEGMENT);
        } catch (Exception e) {
            throw new IllegalStateException("the directory could not apply event " + event.getIdentifier(), e);
        }
    }
}
