package io.sigmacode.query.balance;

import io.sigmacode.kernel.account.BalanceResponse;
import io.sigmacode.kernel.account.FindBalanceQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

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
            return jdbc.query("SELECT balance, reserved, overdraft FROM account_balance WHERE account_id = ?",
                    rs -> rs.next() ? response(query, rs.getLong(1), rs.getLong(2), rs.getLong(3)) : null,
                    query.accountId());
        }
        var overdraft = jdbc.queryForList("SELECT overdraft FROM account_balance WHERE account_id = ?", Long.class,
                query.accountId());
        if (overdraft.isEmpty()) {
            return null;
        }
        return jdbc.query("""
                        SELECT balance, reserved FROM ledger_entry WHERE account_id = ? AND occurred_at <= ?
                        ORDER BY sequence DESC LIMIT 1""",
                rs -> rs.next() ? response(query, rs.getLong(1), rs.getLong(2), overdraft.get(0))
                        : response(query, 0, 0, overdraft.get(0)),
                query.accountId(), utc(query.asOf()));
    }

    private static BalanceResponse response(FindBalanceQuery query, long balance, long reserved, long overdraft) {
        return new BalanceResponse(query.accountId(), balance, reserved, balance + overdraft - reserved, query.asOf());
    }
}
