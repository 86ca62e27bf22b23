package io.sigmacode.gateway.billing;

import org.springframework.jdbc.core.RowMapper;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The rows of one query as they are read: PostgreSQL's driver holds the whole result in memory unless the statement
 * runs in a transaction with a fetch size, so each subscription takes a connection of its own in a read-only
 * transaction and fetches {@link #FETCH_SIZE} rows at a time, only as fast as the subscriber requests them. Every
 * read runs on the bounded-elastic scheduler, never on the requesting thread (an HTTP event loop). The connection
 * goes back to the pool when the rows end, fail or the subscriber cancels.
 */
final class JdbcCursor {

    static final int FETCH_SIZE = 1_000;

    private JdbcCursor() {
    }

    static <T> Flux<T> rows(DataSource dataSource, String sql, RowMapper<T> mapper, Object... args) {
        return Flux.<T, Open>generate(() -> open(dataSource, sql, args), (open, sink) -> {
                    try {
                        if (open.rows().next()) {
                            sink.next(mapper.mapRow(open.rows(), open.next()));
                        } else {
                            sink.complete();
                        }
                    } catch (SQLException e) {
                        sink.error(e);
                    }
                    return open;
                }, Open::close)
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static Open open(DataSource dataSource, String sql, Object[] args) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    statement.setNull(i + 1, Types.NULL);
                } else {
                    statement.setObject(i + 1, args[i]);
                }
            }
            return new Open(connection, statement, statement.executeQuery(), new int[1]);
        } catch (SQLException e) {
            if (connection != null) {
                Connection failed = connection;
                quietly(() -> restore(failed));
            }
            throw new IllegalStateException("could not open a cursor: " + e.getMessage(), e);
        }
    }

    private record Open(Connection connection, PreparedStatement statement, ResultSet rows, int[] count) {

        int next() {
            return count[0]++;
        }

        void close() {
            quietly(rows::close);
            quietly(statement::close);
            quietly(() -> restore(connection));
        }
    }

    /** Ends the read-only transaction and gives the connection back as the pool lent it. */
    private static void restore(Connection connection) throws SQLException {
        try {
            connection.rollback();
            connection.setReadOnly(false);
            connection.setAutoCommit(true);
        } finally {
            connection.close();
        }
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    /** Cleanup after the rows ended: a failure here must not hide the rows' own outcome. */
    private static void quietly(SqlWork work) {
        try {
            work.run();
        } catch (SQLException | RuntimeException ignored) {
            // the connection is discarded by the pool if it is broken
        }
    }
}
