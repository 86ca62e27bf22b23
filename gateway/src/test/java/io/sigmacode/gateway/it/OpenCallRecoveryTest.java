package io.sigmacode.gateway.it;

import io.sigmacode.gateway.node.NodeLease;
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

/**
 * A call left without outcome is settled by recovery only once no living node carries it: never because it is old.
 * Recovery runs every second here and leaves calls younger than 6 s alone.
 */
class OpenCallRecoveryTest extends GatewayIntegrationTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    NodeLease lease;

    private String startCall(GatewayTestSupport.Tenant tenant, String nodeId) {
        String callId = UUID.randomUUID().toString();
        CallAdmission admission = commands.sendAndWait(new StartCallCommand(tenant.accountId(), callId,
                new CallDetails(tenant.tenantId(), "key", tenant.appId(), "chat-messages", false, null, nodeId),
                FirewallCheck.notScanned(Stage.PRE, "test"), 4000));
        assertThat(admission.decision()).isEqualTo(CallAdmission.Decision.FORWARD);
        return callId;
    }

    private void awaitSettledWithFlatFee(GatewayTestSupport.Tenant tenant, String callId) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(gateway.eventTypes(tenant.accountId())).endsWith("TokensDebitedEvent",
                        "ReservationReleasedEvent", "CallFailedEvent"));
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

    @Test
    void aCallOfANodeWithoutLeaseIsSettledWithTheFlatFeeAsAnEstimate() {
        var tenant = gateway.onboard(100);
        String callId = startCall(tenant, "node-dead-" + UUID.randomUUID());
        awaitSettledWithFlatFee(tenant, callId);
    }

    @Test
    void aCallOfThisNodeThatItNoLongerCarriesIsSettled() {
        var tenant = gateway.onboard(100);
        String callId = startCall(tenant, lease.nodeId());
        awaitSettledWithFlatFee(tenant, callId);
    }

    @Test
    void aCallOfALivingNodeIsLeftAloneHoweverOldUntilTheNodesLeaseExpires() {
        var tenant = gateway.onboard(100);
        String node = "node-alive-" + UUID.randomUUID();
        jdbc.update("""
                INSERT INTO gateway_node (node_id, started_at, renewed_at, expires_at)
                VALUES (?, now(), now(), now() + interval '1 hour')""", node);
        String callId = startCall(tenant, node);

        // older than recovery's minimum age (6 s) for several sweeps (every second), and still open throughout
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(12)).untilAsserted(() -> assertThat(
                gateway.eventTypes(tenant.accountId())).endsWith("TokensReservedEvent", "CallForwardedEvent"));

        jdbc.update("UPDATE gateway_node SET expires_at = now() WHERE node_id = ?", node);
        awaitSettledWithFlatFee(tenant, callId);
    }
}
