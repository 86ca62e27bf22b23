package io.sigmacode.query.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One PostgreSQL with the gateway's schema for the projection tests of this module, and the way an event processor
 * hands a projection its events: a batch in one unit of work, inside one transaction.
 */
public final class ProjectionDatabase {

    private static ProjectionDatabase shared;

    private final JdbcTemplate jdbc;
    private final TransactionManager transactions;

    private ProjectionDatabase(EmbeddedPostgres postgres) {
        DataSource dataSource = postgres.getPostgresDatabase(); // one instance: the transaction is bound to it
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        this.jdbc = new JdbcTemplate(dataSource);
        var spring = new DataSourceTransactionManager(dataSource);
        this.transactions = () -> {
            TransactionStatus status = spring.getTransaction(new DefaultTransactionDefinition());
            return new Transaction() {
                @Override
                public void commit() {
                    spring.commit(status);
                }

                @Override
                public void rollback() {
                    spring.rollback(status);
                }
            };
        };
    }

    /** The database, started on first use and shared by every test class of the JVM. */
    public static synchronized ProjectionDatabase get() {
        if (shared == null) {
            try {
                shared = new ProjectionDatabase(EmbeddedPostgres.builder().start());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /**
     * Hands {@code events} to {@code projection} as one batch in one transaction, as an event processor does. An event
     * whose handler fails is set aside and the batch goes on, as the gateway's dead-letter queue does; a failure when
     * the batch commits rolls it all back and is thrown.
     *
     * @return the events whose handler failed
     */
    public List<EventMessage<?>> batch(Object projection, List<? extends EventMessage<?>> events) {
        var handlers = new AnnotationEventHandlerAdapter(projection);
        var unitOfWork = new BatchingUnitOfWork<>(events);
        unitOfWork.attachTransaction(transactions);
        List<EventMessage<?>> failed = new ArrayList<>();
        var result = unitOfWork.executeWithResult(() -> {
            try {
                return handlers.handle(unitOfWork.getMessage());
            } catch (Exception e) {
                failed.add(unitOfWork.getMessage());
                return null;
            }
        });
        if (result.isExceptional()) {
            throw new IllegalStateException("the batch did not commit", result.exceptionResult());
        }
        return failed;
    }
}
