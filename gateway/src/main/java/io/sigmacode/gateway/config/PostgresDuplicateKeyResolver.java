package io.sigmacode.gateway.config;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;

/**
 * Recognises PostgreSQL's unique violation (SQLSTATE 23505) wherever the driver puts it. Axon's generic resolver
 * misses it inside a batch insert, where PostgreSQL's error is the {@code BatchUpdateException}'s next exception
 * (AxonFramework #1368): two nodes appending to one account then saw a plain failure instead of a concurrency
 * conflict, so nothing reloaded the account and retried.
 */
final class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
