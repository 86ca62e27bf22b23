package io.sigmacode.gateway.it;

import org.springframework.jdbc.core.JdbcTemplate;

/** What the event store itself says about an account, read straight from {@code domain_event_entry}. */
final class EventStoreFacts {

    private EventStoreFacts() {
    }

    /** The sum of the {@code tokens} field over the account's events of one type. */
    static long tokens(JdbcTemplate jdbc, String accountId, String eventType) {
        return jdbc.queryForObject("""
                SELECT COALESCE(SUM((convert_from(payload, 'UTF8')::jsonb ->> 'tokens')::bigint), 0)
                FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?""",
                Long.class, accountId, "%." + eventType);
    }

    static long count(JdbcTemplate jdbc, String accountId, String eventType) {
        return jdbc.queryForObject("""
                SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?""",
                Long.class, accountId, "%." + eventType);
    }

    /** Credits minus debits, as the events alone have it. */
    static long balance(JdbcTemplate jdbc, String accountId) {
        return tokens(jdbc, accountId, "TokensCreditedEvent") - tokens(jdbc, accountId, "TokensDebitedEvent");
    }
}
