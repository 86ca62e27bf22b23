package io.sigmacode.gateway.billing;

import io.sigmacode.kernel.account.LedgerEntry;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * An account's ledger straight from the balance projection's table, row by row as the response is written, so a
 * ledger of any length is exported in constant memory. Reservations and releases are in the table (for balances as
 * of an instant) but not in the ledger: they do not change the balance.
 */
@Component
public class LedgerExport {

    private static final String LEDGER = """
            SELECT occurred_at, kind, reference, tokens, balance FROM ledger_entry
            WHERE account_id = ? AND kind IN ('CREDIT', 'DEBIT', 'REVOCATION', 'HOLD', 'HOLD_RELEASE', 'CORRECTION')
                AND occurred_at >= ? AND occurred_at < ?
            ORDER BY sequence""";

    private final DataSource dataSource;

    LedgerExport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Flux<LedgerEntry> entries(String accountId, Instant from, Instant to) {
        return JdbcCursor.rows(dataSource, LEDGER,
                (rs, n) -> new LedgerEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getLong(5), source(rs.getString(2), rs.getString(3))),
                accountId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
    }

    /** A purchase's credit id is {@code stripe:<session or invoice id>}; every other credit is a grant. */
    private static String source(String kind, String reference) {
        if (!"CREDIT".equals(kind)) {
            return null;
        }
        return reference.startsWith("stripe:") ? "stripe" : "grant";
    }
}
