package io.sigmacode.query.balance;

import io.sigmacode.kernel.account.BalanceResponse;
import io.sigmacode.kernel.account.EndpointDebits;
import io.sigmacode.kernel.account.FindBalanceQuery;
import io.sigmacode.kernel.account.FindStatementQuery;
import io.sigmacode.kernel.account.StatementCorrection;
import io.sigmacode.kernel.account.StatementResponse;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.List;

import static io.sigmacode.query.support.Timestamps.utc;

@Component
class BalanceQueries {

    private final JdbcTemplate jdbc;

    BalanceQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return null when the account is unknown (or did not exist yet at {@code asOf}) */
    @QueryHandler
    BalanceResponse handle(FindBalanceQuery query) {
        if (query.asOf() == null) {
            return jdbc.query("SELECT balance, reserved, held, overdraft FROM account_balance WHERE account_id = ?",
                    rs -> rs.next() ? response(query, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))
                            : null,
                    query.accountId());
        }
        var overdraft = jdbc.queryForList("SELECT overdraft FROM account_balance WHERE account_id = ?", Long.class,
                query.accountId());
        if (overdraft.isEmpty()) {
            return null;
        }
        return jdbc.query("""
                        SELECT balance, reserved, held FROM ledger_entry WHERE account_id = ? AND occurred_at <= ?
                        ORDER BY sequence DESC LIMIT 1""",
                rs -> rs.next() ? response(query, rs.getLong(1), rs.getLong(2), rs.getLong(3), overdraft.get(0))
                        : response(query, 0, 0, 0, overdraft.get(0)),
                query.accountId(), utc(query.asOf()));
    }

    /**
     * Opening and closing balances are the running balance of the last ledger row before each end, so the identity
     * opening + credits − debits − revocations + corrections = closing holds by construction of the ledger, and a
     * test checks it. Corrections per version take their versions and originals from the priced-debit view.
     * Debits are grouped by the endpoint the usage projection knows for the call ({@code unknown} while it lags).
     *
     * @return null when the account is unknown
     */
    @QueryHandler
    StatementResponse handle(FindStatementQuery query) {
        if (jdbc.queryForList("SELECT 1 FROM account_balance WHERE account_id = ?", Integer.class,
                query.accountId()).isEmpty()) {
            return null;
        }
        var from = utc(query.from());
        var to = utc(query.to());
        long opening = balanceBefore(query.accountId(), from);
        long closing = balanceBefore(query.accountId(), to);
        long[] sums = jdbc.query("""
                        SELECT
                            COALESCE(SUM(tokens) FILTER (WHERE kind = 'CREDIT' AND reference NOT LIKE 'stripe:%'), 0),
                            COALESCE(SUM(tokens) FILTER (WHERE kind = 'CREDIT' AND reference LIKE 'stripe:%'), 0),
                            COALESCE(-SUM(tokens) FILTER (WHERE kind = 'DEBIT'), 0),
                            COALESCE(-SUM(tokens) FILTER (WHERE kind = 'REVOCATION'), 0),
                            COALESCE(SUM(tokens) FILTER (WHERE kind = 'CORRECTION'), 0)
                        FROM ledger_entry WHERE account_id = ? AND occurred_at >= ? AND occurred_at < ?""",
                rs -> {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)};
                },
                query.accountId(), from, to);
        List<EndpointDebits> byEndpoint = jdbc.query("""
                        SELECT COALESCE(u.endpoint, 'unknown'), COUNT(*), -SUM(l.tokens) FROM ledger_entry l
                        LEFT JOIN call_usage u ON u.call_id = l.reference
                        WHERE l.account_id = ? AND l.kind = 'DEBIT' AND l.occurred_at >= ? AND l.occurred_at < ?
                        GROUP BY 1 ORDER BY 1""",
                (rs, n) -> new EndpointDebits(rs.getString(1), rs.getLong(2), rs.getLong(3)),
                query.accountId(), from, to);
        List<StatementCorrection> corrections = jdbc.query("""
                        SELECT COALESCE(p.price_book_version, 0), COALESCE(p.correcting_version, 0), COUNT(*),
                            COALESCE(SUM(p.tokens), 0), COALESCE(SUM(p.corrected_tokens), 0), SUM(l.tokens)
                        FROM ledger_entry l LEFT JOIN priced_debit p ON p.call_id = l.reference
                        WHERE l.account_id = ? AND l.kind = 'CORRECTION' AND l.occurred_at >= ? AND l.occurred_at < ?
                        GROUP BY 1, 2 ORDER BY 1, 2""",
                (rs, n) -> new StatementCorrection(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6)),
                query.accountId(), from, to);
        return new StatementResponse(query.accountId(), query.from(), query.to(), opening, sums[0], sums[1],
                sums[0] + sums[1], sums[2], byEndpoint, sums[3], sums[4], corrections, closing);
    }

    private long balanceBefore(String accountId, OffsetDateTime instant) {
        return jdbc.queryForList("""
                        SELECT balance FROM ledger_entry WHERE account_id = ? AND occurred_at < ?
                        ORDER BY sequence DESC LIMIT 1""", Long.class, accountId, instant)
                .stream().findFirst().orElse(0L);
    }

    private static BalanceResponse response(FindBalanceQuery query, long balance, long reserved, long held,
                                            long overdraft) {
        return new BalanceResponse(query.accountId(), balance, reserved, held, balance + overdraft - reserved - held,
                query.asOf());
    }
}
