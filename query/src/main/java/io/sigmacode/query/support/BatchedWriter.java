package io.sigmacode.query.support;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Collects a projection's writes for the whole batch of events an event processor hands it and sends them as JDBC
 * batches just before the batch's transaction commits (together with the processor's token). Statements keep their
 * order; consecutive statements with the same SQL go out as one JDBC batch.
 *
 * <p>A batch that fails at commit cannot say which event was at fault, so the dead-letter queue could not take that
 * event aside and the processor would retry the same batch for ever. After a failed batch the writer therefore turns
 * careful: each statement runs at once, inside the handler, and each event's statements under a savepoint of their own.
 * The poison event's handler then fails by itself with none of its statements left behind, the dead-letter queue takes it (and later events of its account), the transaction stays usable, and the
 * rest of the batch goes on. The first batch that commits in careful mode turns batching back on.
 *
 * <p>Statements of different SQL that alternate (an insert, an update, an insert …) would go out as JDBC batches of
 * one, a round trip each. A projection whose statements commute across kinds declares the order in which its kinds
 * may run ({@link #BatchedWriter(JdbcTemplate, String, List)}); the flush then sends one batch per kind in that
 * order, keeping the order of statements within each kind.
 */
public final class BatchedWriter {

    private final JdbcTemplate jdbc;
    private final String resourceKey;
    private final List<String> flushOrder;
    private volatile boolean careful;

    /** Statements go out in the order the handlers wrote them. */
    public BatchedWriter(JdbcTemplate jdbc, String projection) {
        this(jdbc, projection, List.of());
    }

    /**
     * Statements go out grouped by kind, in {@code flushOrder}: the projection promises that running every statement
     * of an earlier kind before any of a later kind gives the same rows as running them as written.
     */
    public BatchedWriter(JdbcTemplate jdbc, String projection, List<String> flushOrder) {
        this.jdbc = jdbc;
        this.resourceKey = BatchedWriter.class.getName() + "/" + projection;
        this.flushOrder = List.copyOf(flushOrder);
    }

    public void write(String sql, Object... args) {
        if (!flushOrder.isEmpty() && !flushOrder.contains(sql)) {
            throw new IllegalArgumentException("Not in this writer's flush order: " + sql);
        }
        if (!CurrentUnitOfWork.isStarted()
                || !CurrentUnitOfWork.get().root().phase().isBefore(UnitOfWork.Phase.PREPARE_COMMIT)) {
            jdbc.update(sql, args);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (careful) {
            EventSavepoint current = root.getOrComputeResource(resourceKey + "/careful", key -> {
                root.afterCommit(u -> careful = false);
                return new EventSavepoint();
            });
            updateUnderSavepoint(current, CurrentUnitOfWork.get().getMessage(), sql, args);
            return;
        }
        List<Statement> pending = root.getOrComputeResource(resourceKey, key -> {
            List<Statement> statements = new ArrayList<>();
            root.onPrepareCommit(u -> flush(statements));
            return statements;
        });
        pending.add(new Statement(sql, args));
    }

    /** True while the writer runs statements one by one after a failed batch. */
    public boolean careful() {
        return careful;
    }

    /** Runs the statement at once; when it fails, every statement of the same event is rolled back with it. */
    private void updateUnderSavepoint(EventSavepoint current, Object message, String sql, Object[] args) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            if (current.message != message) {
                if (current.savepoint != null) {
                    connection.releaseSavepoint(current.savepoint);
                }
                current.message = message;
                current.savepoint = connection.setSavepoint();
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    statement.setObject(i + 1, args[i]);
                }
                statement.executeUpdate();
                return null;
            } catch (java.sql.SQLException e) {
                connection.rollback(current.savepoint);
                current.message = null;
                current.savepoint = null;
                throw e;
            }
        });
    }

    private void flush(List<Statement> statements) {
        if (!flushOrder.isEmpty()) {
            statements.sort(Comparator.comparingInt(statement -> flushOrder.indexOf(statement.sql())));
        }
        try {
            int from = 0;
            while (from < statements.size()) {
                String sql = statements.get(from).sql();
                int to = from;
                List<Object[]> args = new ArrayList<>();
                while (to < statements.size() && Objects.equals(statements.get(to).sql(), sql)) {
                    args.add(statements.get(to).args());
                    to++;
                }
                jdbc.batchUpdate(sql, args);
                from = to;
            }
            statements.clear();
        } catch (RuntimeException e) {
            careful = true;
            throw e;
        }
    }

    private record Statement(String sql, Object[] args) {
    }

    /** The savepoint taken before the first statement of the event being handled, in careful mode. */
    private static final class EventSavepoint {
        private Object message;
        private Savepoint savepoint;
    }
}
