package io.sigmacode.gateway.it;

import io.sigmacode.kernel.call.CallAdmission;
import io.sigmacode.kernel.call.CallDetails;
import io.sigmacode.kernel.call.StartCallCommand;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.Stage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.UUID;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A gateway that dies between its two transactions leaves a reservation behind; it must not stay open for ever. */
class LostCallRecoveryTest extends GatewayIntegrationTest {

    @Autowired
    CommandGateway commands;

    @Test
    void aCallLeftWithoutOutcomeIsSettledWithTheFlatFeeAsAnEstimate() {
        var tenant = gateway.onboard(100);
        String callId = UUID.randomUUID().toString();
        CallAdmission admission = commands.sendAndWait(new StartCallCommand(tenant.accountId(), callId,
                new CallDetails(tenant.tenantId(), "key", tenant.appId(), "chat-messages", false, null),
                FirewallCheck.notScanned(Stage.PRE, "test"), 9));
        assertThat(admission.decision()).isEqualTo(CallAdmission.Decision.FORWARD);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(gateway.eventTypes(tenant.accountId())).endsWith("TokensDebitedEvent",
                        "ReservationReleasedEvent", "CallCompletedEvent"));
        String debit = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%TokensDebitedEvent'""", String.class,
                tenant.accountId());
        assertThat(debit).contains("\"tokens\":1,").contains("\"usageSource\":\"ESTIMATED\"").contains(callId);
        await().untilAsserted(() -> {
            var balance = gateway.get("/api/accounts/" + tenant.accountId() + "/balance", ADMIN, 200);
            assertThat(balance.get("balance").asLong()).isEqualTo(99);
            assertThat(balance.get("reserved").asLong()).isZero();
        });
    }
}
