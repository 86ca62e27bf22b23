package io.sigmacode.query.support;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects a projection's writes for the whole batch of events an event processor hands it and sends them as JDBC
 * batches just before the batch's transaction commits (together with the processor's token). Statements keep their
 * order; consecutive statements with the same SQL go out as one JDBC batch.
 *
 * <p>A batch that fails at commit cannot say which event was at fault, so the dead-letter queue could not take that
 * event aside and the processor would retry the same batch for ever. After a failed batch the writer therefore turns
 * careful: each statement runs at once, inside the handler, under a savepoint. The poison event's handler then fails
 * by itself, the dead-letter queue takes it (and later events of its account), the transaction stays usable, and the
 * rest of the batch goes on. The first batch that commits in careful mode turns batching back on.
 */
public final class BatchedWriter {

    private final JdbcTemplate jdbc;
    private final String resourceKey;
    private volatile boolean careful;

    public BatchedWriter(JdbcTemplate jdbc, String projection) {
        this.jdbc = jdbc;
        this.resourceKey = BatchedWriter.class.getName() + "/" + projection;
    }

    public void write(String sql, Object... args) {
        if (!CurrentUnitOfWork.isStarted()
                || !CurrentUnitOfWork.get().root().phase().isBefore(UnitOfWork.Phase.PREPARE_COMMIT)) {
            jdbc.update(sql, args);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (careful) {
            root.getOrComputeResource(resourceKey, key -> {
                root.afterCommit(u -> careful = false);
                return List.of();
            });
            updateUnderSavepoint(sql, args);
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

    private void updateUnderSavepoint(String sql, Object[] args) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            Savepoint savepoint = connection.setSavepoint();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    statement.setObject(i + 1, args[i]);
                }
                statement.executeUpdate();
                connection.releaseSavepoint(savepoint);
                return null;
            } catch (java.sql.SQLException e) {
                connection.rollback(savepoint);
                throw e;
            }
        });
    }

    private void flush(List<Statement> statements) {
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
}
