package io.sigmacode.query.support;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects a projection's writes for the whole batch of events an event processor hands it and sends them as JDBC
 * batches just before the batch's transaction commits (together with the processor's token). Statements keep their
 * order; consecutive statements with the same SQL go out as one JDBC batch.
 */
public final class BatchedWriter {

    private final JdbcTemplate jdbc;
    private final String resourceKey;

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
        List<Statement> pending = root.getOrComputeResource(resourceKey, key -> {
            List<Statement> statements = new ArrayList<>();
            root.onPrepareCommit(u -> flush(statements));
            return statements;
        });
        pending.add(new Statement(sql, args));
    }

    private void flush(List<Statement> statements) {
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
    }

    private record Statement(String sql, Object[] args) {
    }
}
