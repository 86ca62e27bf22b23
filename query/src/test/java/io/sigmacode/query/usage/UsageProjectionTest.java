package io.sigmacode.query.usage;

import io.sigmacode.kernel.account.TokensDebitedEvent;
import io.sigmacode.kernel.call.CallStartedEvent;
import io.sigmacode.kernel.call.FirewallVerdictRecordedEvent;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;
import io.sigmacode.kernel.pricing.Charge;
import io.sigmacode.kernel.pricing.Usage;
import io.sigmacode.kernel.pricing.UsageSource;
import io.sigmacode.query.support.Events;
import io.sigmacode.query.support.ProjectionDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class UsageProjectionTest {

    private final ProjectionDatabase database = ProjectionDatabase.get();
    private final JdbcTemplate jdbc = database.jdbc();
    private final Events events = new Events();
    private final String account = UUID.randomUUID().toString();

    /** The writer sends the batch's inserts before its updates: interleaved calls must still end up right. */
    @Test
    void interleavedCallsInOneBatchEachGetTheirVerdictAndCharge() {
        database.batch(new UsageProjection(jdbc), List.of(
                events.of(account, started("a")),
                events.of(account, started("b")),
                events.of(account, verdict("a", Verdict.BLOCK)),
                events.of(account, verdict("b", Verdict.ALLOW)),
                events.of(account, debited("b", 500)),
                events.of(account, started("c")),
                events.of(account, debited("c", 70)),
                events.of(account, debited("a", 1))));

        assertThat(usage()).containsExactly(
                Map.of("call_id", account + "a", "blocked", true, "llm_tokens", 500L, "tokens_charged", 1L),
                Map.of("call_id", account + "b", "blocked", false, "llm_tokens", 500L, "tokens_charged", 500L),
                Map.of("call_id", account + "c", "blocked", false, "llm_tokens", 500L, "tokens_charged", 70L));
    }

    @Test
    void aCallDeliveredAgainIsCountedOnce() {
        var history = List.of(events.of(account, started("x")), events.of(account, debited("x", 9)));
        database.batch(new UsageProjection(jdbc), history);
        database.batch(new UsageProjection(jdbc), history);

        assertThat(usage()).hasSize(1);
    }

    private List<Map<String, Object>> usage() {
        return jdbc.queryForList("""
                SELECT call_id, blocked, llm_tokens, tokens_charged FROM call_usage WHERE call_id LIKE ?
                ORDER BY call_id""", account + "%");
    }

    private CallStartedEvent started(String call) {
        return new CallStartedEvent(account, account + call, "tenant", "key", "app", "chat-messages", false, null,
                "node");
    }

    private FirewallVerdictRecordedEvent verdict(String call, Verdict verdict) {
        return new FirewallVerdictRecordedEvent(account, account + call, "tenant",
                new FirewallCheck(Stage.PRE, verdict, List.of(), 1, 10, null));
    }

    private TokensDebitedEvent debited(String call, long tokens) {
        var charge = new Charge(tokens, 1, BigDecimal.ONE, new Usage(200, 300, 500), UsageSource.REPORTED, 1);
        return new TokensDebitedEvent(account, account + call, tokens, tokens, charge);
    }
}
