package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static io.sigmacode.gateway.it.GatewayTestSupport.chatBody;
import static io.sigmacode.gateway.it.GatewayTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every call Dify received is charged by what it used, and no call Dify never received is charged: one test per
 * outcome of docs/decisions.md ("What a failed call costs"), with the stand-in's fault plan. The prompt "hello" is
 * estimated at 2 LLM tokens, so a charged failure costs the flat fee plus 1 = 2 tokens.
 */
class UpstreamFaultBillingTest extends GatewayIntegrationTest {

    private static final String HTML = "text/html";

    private record Outcome(int status, JsonNode body, String tenantAccount) {
    }

    private Outcome call(GatewayTestSupport.Tenant tenant) {
        var result = gateway.chat(tenant.key(), chatBody("hello")).expectBody().returnResult();
        return new Outcome(result.getStatus().value(), read(result.getResponseBodyContent()), tenant.accountId());
    }

    private void awaitOutcome(String accountId, String lastEvent, long balance) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(gateway.eventTypes(accountId)).last().isEqualTo(lastEvent);
            var account = gateway.get("/api/accounts/" + accountId + "/balance", ADMIN, 200);
            assertThat(account.get("balance").asLong()).isEqualTo(balance);
            assertThat(account.get("reserved").asLong()).isZero();
        });
    }

    private String debitOf(String accountId) {
        return jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%TokensDebitedEvent'""", String.class, accountId);
    }

    @Test
    void difysOwnRefusalIsPassedOnAndCostsNothing() {
        var tenant = gateway.onboard(100);
        DIFY.failNext(400, "invalid_param", "Arg user must be provided.");

        Outcome outcome = call(tenant);

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.body().get("code").asText()).isEqualTo("invalid_param");
        awaitOutcome(tenant.accountId(), "CallFailedEvent", 100);
        assertThat(gateway.eventTypes(tenant.accountId())).doesNotContain("TokensDebitedEvent");
    }

    @Test
    void difysServerErrorIsChargedOnAnEstimate() {
        var tenant = gateway.onboard(100);
        DIFY.failNext(500, "internal_server_error", "The server encountered an internal error.");

        assertThat(call(tenant).status()).isEqualTo(500);

        awaitOutcome(tenant.accountId(), "CallFailedEvent", 98);
        assertThat(debitOf(tenant.accountId())).contains("\"usageSource\":\"ESTIMATED\"");
    }

    @Test
    void anEdgeTimeoutAfterDifyHadTheCallIsCharged() {
        var tenant = gateway.onboard(100);
        DIFY.replyNextRaw(504, HTML, "<html><body>504 Gateway Time-out</body></html>".getBytes(StandardCharsets.UTF_8));

        Outcome outcome = call(tenant);

        assertThat(outcome.status()).isEqualTo(504);
        assertThat(outcome.body().get("code").asText()).as("in Dify's envelope").isEqualTo("upstream_timeout");
        awaitOutcome(tenant.accountId(), "CallFailedEvent", 98);
    }

    @Test
    void anEdgeThatCouldNotReachDifyCostsNothing() {
        var tenant = gateway.onboard(100);
        DIFY.replyNextRaw(503, HTML,
                "<html><body>503 Service Unavailable</body></html>".getBytes(StandardCharsets.UTF_8));

        Outcome outcome = call(tenant);

        assertThat(outcome.status()).isEqualTo(503);
        assertThat(outcome.body().get("code").asText()).as("in Dify's envelope").isEqualTo("upstream_unavailable");
        awaitOutcome(tenant.accountId(), "CallFailedEvent", 100);
    }

    @Test
    void anAnswerCutAfterItsHeadersIsChargedNotReleased() {
        var tenant = gateway.onboard(100);
        DIFY.cutNextAnswerAfterHeaders();

        Outcome outcome = call(tenant);

        assertThat(outcome.status()).isEqualTo(502);
        assertThat(outcome.body().get("code").asText()).isEqualTo("upstream_unavailable");
        awaitOutcome(tenant.accountId(), "CallFailedEvent", 98);
    }

    @Test
    void aConnectionCutAfterTheRequestButBeforeAnyHeaderIsCharged() {
        var tenant = gateway.onboard(100);
        DIFY.cutNextBeforeHeaders();

        Outcome outcome = call(tenant);

        assertThat(outcome.status()).isEqualTo(502);
        assertThat(outcome.body().get("code").asText()).isEqualTo("upstream_unavailable");
        awaitOutcome(tenant.accountId(), "CallFailedEvent", 98);
        assertThat(DIFY.requestCount()).as("Dify had the call").isEqualTo(1);
    }

    @Test
    void anAnswerTooLargeToHoldIsChargedAndRefused() {
        var tenant = gateway.onboard(10_000);
        byte[] answer = new byte[17 * 1024 * 1024];
        Arrays.fill(answer, (byte) 'a');
        byte[] body = ("{\"event\":\"message\",\"answer\":\"" + new String(answer, StandardCharsets.US_ASCII) + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
        DIFY.replyNextRaw(200, "application/json", body);

        Outcome outcome = call(tenant);

        assertThat(outcome.status()).isEqualTo(502);
        assertThat(outcome.body().get("code").asText()).isEqualTo("upstream_answer_too_large");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(gateway.eventTypes(tenant.accountId())).last().isEqualTo("CallFailedEvent"));
        assertThat(debitOf(tenant.accountId())).contains("\"usageSource\":\"ESTIMATED\"");
    }

    @Test
    void absurdReportedUsageIsChargedAtTheCeilingAndFlaggedForReview() {
        var tenant = gateway.onboard(10_000);
        DIFY.replyNextRaw(200, "application/json", ("{\"event\":\"message\",\"answer\":\"ok\",\"metadata\":{\"usage\":"
                + "{\"prompt_tokens\":9e18,\"completion_tokens\":1,\"total_tokens\":9e18}}}")
                .getBytes(StandardCharsets.US_ASCII));

        assertThat(call(tenant).status()).isEqualTo(200);

        awaitOutcome(tenant.accountId(), "CallCompletedEvent", 10_000 - 4_001);
        assertThat(gateway.eventTypes(tenant.accountId())).contains("ChargeFlaggedForReviewEvent");
    }

    @Test
    void negativeReportedUsageIsChargedAsTheEstimateAndFlagged() {
        var tenant = gateway.onboard(100);
        DIFY.replyNextRaw(200, "application/json", ("{\"event\":\"message\",\"answer\":\"ok\",\"metadata\":{\"usage\":"
                + "{\"prompt_tokens\":-5,\"completion_tokens\":-1,\"total_tokens\":-6}}}")
                .getBytes(StandardCharsets.US_ASCII));

        assertThat(call(tenant).status()).isEqualTo(200);

        awaitOutcome(tenant.accountId(), "CallCompletedEvent", 98);
        assertThat(gateway.eventTypes(tenant.accountId())).contains("ChargeFlaggedForReviewEvent");
        assertThat(debitOf(tenant.accountId())).contains("\"usageSource\":\"ESTIMATED\"");
    }

    @Test
    void difyRefusingTheAppsKeyIsToldAsSuchAndCostsNothing() {
        var tenant = gateway.onboard(100);
        DIFY.failNext(401, "unauthorized", "Access token is invalid");

        Outcome outcome = call(tenant);

        assertThat(outcome.status()).as("not the caller's 401").isEqualTo(502);
        assertThat(outcome.body().get("code").asText()).isEqualTo("upstream_key_refused");
        awaitOutcome(tenant.accountId(), "CallFailedEvent", 100);
    }

    @Test
    void anAppWhoseDifyKeyCannotBeOpenedIsRefusedBeforeAnythingIsRecorded() {
        var tenant = gateway.onboard(100);
        jdbc.update("UPDATE app_view SET sealed_dify_key = 'AAAA' WHERE app_id = ?", tenant.appId());
        int eventsBefore = gateway.eventTypes(tenant.accountId()).size();

        Outcome outcome = call(tenant);

        assertThat(outcome.status()).isEqualTo(503);
        assertThat(outcome.body().get("code").asText()).isEqualTo("upstream_key_unreadable");
        assertThat(gateway.eventTypes(tenant.accountId())).hasSize(eventsBefore);
        assertThat(DIFY.requestCount()).isZero();
    }
}
