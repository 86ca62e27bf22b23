package io.sigmacode.gateway.it;

import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.call.CallAdmission;
import io.sigmacode.kernel.call.CallDetails;
import io.sigmacode.kernel.call.CallOutcome;
import io.sigmacode.kernel.call.SettleCallCommand;
import io.sigmacode.kernel.call.StartCallCommand;
import io.sigmacode.kernel.call.UpstreamResult;
import io.sigmacode.kernel.error.CommandRefusedException;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.pricing.Usage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands of one account sent at once are committed in groups; a refused command among them is answered alone and
 * the others are stored. Checked on the events: every admitted call has its events, the refused one has none.
 */
class GroupCommitTest extends GatewayIntegrationTest {

    @Autowired
    Bus bus;

    @Test
    void aRefusalInAGroupIsAnsweredAloneAndTheRestIsStored() {
        var tenant = gateway.onboard(10_000);
        List<String> calls = new ArrayList<>();
        List<Mono<String>> sends = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String callId = UUID.randomUUID().toString();
            calls.add(callId);
            sends.add(bus.<CallAdmission>send(new StartCallCommand(tenant.accountId(), callId,
                            new CallDetails(tenant.tenantId(), "key", tenant.appId(), "chat-messages", false, null,
                                    "node-test"), FirewallCheck.notScanned(Stage.PRE, "test"), 4000))
                    .map(admission -> admission.decision().name()));
            if (i == 20) {
                sends.add(bus.send(new SettleCallCommand(tenant.accountId(), "never-started",
                                CallOutcome.completed(FirewallCheck.notScanned(Stage.POST, "test"), Usage.NONE, null,
                                        UpstreamResult.NONE, 200)))
                        .map(Object::toString)
                        .onErrorResume(CommandRefusedException.class, e -> Mono.just("refused")));
            }
        }

        List<String> answers = Flux.merge(sends).collectList().block(Duration.ofSeconds(60));

        assertThat(answers).hasSize(41).containsOnlyOnce("refused");
        assertThat(answers.stream().filter("FORWARD"::equals)).hasSize(40);
        assertThat(EventStoreFacts.count(jdbc, tenant.accountId(), "CallForwardedEvent")).isEqualTo(40);
        assertThat(EventStoreFacts.tokens(jdbc, tenant.accountId(), "TokensReservedEvent")).isEqualTo(40 * 9);
        List<Long> sequences = jdbc.queryForList("""
                SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?
                ORDER BY sequence_number""", Long.class, tenant.accountId());
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).as("sequence without gaps").isEqualTo(i);
        }
        long transactions = jdbc.queryForObject("""
                SELECT COUNT(DISTINCT xmin::text) FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%.CallForwardedEvent'""", Long.class,
                tenant.accountId());
        assertThat(transactions).as("forty calls admitted in fewer commits than calls").isLessThan(40);
    }
}
