package io.sigmacode.query.balance;

import io.sigmacode.kernel.account.AccountOpenedEvent;
import io.sigmacode.kernel.account.CreditSource;
import io.sigmacode.kernel.account.ReservationReleasedEvent;
import io.sigmacode.kernel.account.TokensCreditedEvent;
import io.sigmacode.kernel.account.TokensDebitedEvent;
import io.sigmacode.kernel.account.TokensHeldEvent;
import io.sigmacode.kernel.account.TokensReservedEvent;
import io.sigmacode.kernel.pricing.Charge;
import io.sigmacode.kernel.pricing.Usage;
import io.sigmacode.kernel.pricing.UsageSource;
import io.sigmacode.query.support.Events;
import io.sigmacode.query.support.ProjectionDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BalanceProjectionTest {

    private final ProjectionDatabase database = ProjectionDatabase.get();
    private final JdbcTemplate jdbc = database.jdbc();
    private final Events events = new Events();

    @AfterEach
    void dropPoison() {
        jdbc.execute("DROP TRIGGER IF EXISTS poison ON ledger_entry");
    }

    @Test
    void aBatchGivesTheSameBalanceAndLedgerAsTheSameEventsOneByOne() {
        String batched = account();
        String single = account();
        database.batch(new BalanceProjection(jdbc), history(batched));
        var projection = new BalanceProjection(jdbc);
        history(single).forEach(event -> database.batch(projection, List.of(event)));

        assertThat(balance(batched)).isEqualTo(Map.of("balance", 920L, "reserved", 0L, "held", 30L))
                .isEqualTo(balance(single));
        assertThat(ledger(batched)).hasSize(8).isEqualTo(ledger(single));
    }

    @Test
    void anEventDeliveredAgainChangesNothing() {
        String account = account();
        List<EventMessage<?>> history = history(account);
        database.batch(new BalanceProjection(jdbc), history);
        var ledger = ledger(account);

        database.batch(new BalanceProjection(jdbc), history.subList(2, 6));
        database.batch(new BalanceProjection(jdbc), history);

        assertThat(balance(account)).containsEntry("balance", 920L).containsEntry("held", 30L);
        assertThat(ledger(account)).isEqualTo(ledger);
    }

    @Test
    void afterAFailedBatchThePoisonEventFailsAloneAndTheOthersKeepTheirRunningBalance() {
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.reference = 'poison' THEN RAISE EXCEPTION 'poison'; END IF; RETURN NEW; END $$""");
        jdbc.execute("""
                CREATE TRIGGER poison BEFORE INSERT ON ledger_entry FOR EACH ROW EXECUTE FUNCTION refuse_poison()""");
        String account = account();
        var projection = new BalanceProjection(jdbc);
        List<EventMessage<?>> batch = List.of(
                events.of(account, new AccountOpenedEvent(account, "tenant", 0)),
                events.of(account, credit(account, "first", 100)),
                events.of(account, credit(account, "poison", 7)),
                events.of(account, credit(account, "third", 50)));

        assertThatThrownBy(() -> database.batch(projection, batch)).hasStackTraceContaining("poison");
        assertThat(balance(account)).isEmpty();

        List<EventMessage<?>> failed = database.batch(projection, batch);

        assertThat(failed).containsExactly(batch.get(2));
        assertThat(balance(account)).containsEntry("balance", 150L);
        assertThat(jdbc.queryForList(
                "SELECT reference, balance FROM ledger_entry WHERE account_id = ? ORDER BY sequence", account)).containsExactly(Map.of("reference", "first", "balance", 100L),
                Map.of("reference", "third", "balance", 150L));
    }

    @Test
    void aBalanceBeyondTheColumnsRangeFailsItsEventAlone() {
        String account = account();
        List<EventMessage<?>> batch = List.of(
                events.of(account, new AccountOpenedEvent(account, "tenant", 0)),
                events.of(account, credit(account, "first", 100)),
                events.of(account, credit(account, "overflow", Long.MAX_VALUE)),
                events.of(account, credit(account, "third", 50)));

        List<EventMessage<?>> failed = database.batch(new BalanceProjection(jdbc), batch);

        assertThat(failed).containsExactly(batch.get(2));
        assertThat(balance(account)).containsEntry("balance", 150L);
    }

    private List<EventMessage<?>> history(String account) {
        String call = "call-" + account;
        var charge = new Charge(60, 10, BigDecimal.ONE, new Usage(20, 30, 50), UsageSource.REPORTED, 1);
        return List.of(
                events.of(account, new AccountOpenedEvent(account, "tenant", 0)),
                events.of(account, credit(account, "grant", 1_000)),
                events.of(account, new TokensReservedEvent(account, call, 200)),
                events.of(account, new TokensDebitedEvent(account, call, 60, 60, charge)),
                events.of(account, new ReservationReleasedEvent(account, call, 140)),
                events.of(account, new TokensReservedEvent(account, call + "-2", 20)),
                events.of(account, new TokensDebitedEvent(account, call + "-2", 20, 20, charge)),
                events.of(account, new TokensHeldEvent(account, "payment", 30)),
                events.of(account, new TokensReservedEvent(account, call + "-3", 0)));
    }

    private static TokensCreditedEvent credit(String account, String creditId, long tokens) {
        return new TokensCreditedEvent(account, creditId, tokens, CreditSource.GRANT, "test");
    }

    private static String account() {
        return UUID.randomUUID().toString();
    }

    private Map<String, Object> balance(String account) {
        return jdbc.queryForList("SELECT balance, reserved, held FROM account_balance WHERE account_id = ?", account)
                .stream().findFirst().orElse(Map.of());
    }

    private List<Map<String, Object>> ledger(String account) {
        return jdbc.queryForList("""
                SELECT sequence, kind, tokens, balance, reserved, held FROM ledger_entry WHERE account_id = ?
                ORDER BY sequence""", account);
    }
}
