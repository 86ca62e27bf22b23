package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ManagementApiTest extends GatewayIntegrationTest {

    @Test
    void noTokenIsAProblem401() {
        http.post().uri("/api/tenants").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x"))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
    }

    @Test
    void missingNameIsAProblemNamingTheField() {
        long before = gateway.eventCount();

        JsonNode problem = gateway.post("/api/tenants", ADMIN, Map.of("nam", "x"), 400);

        assertThat(problem.get("detail").asText()).isEqualTo("name must not be blank");
        assertThat(gateway.eventCount()).isEqualTo(before);
    }

    @Test
    void unknownModeIsAProblemListingTheModes() {
        var tenant = gateway.onboard(0);

        JsonNode problem = gateway.post("/api/tenants/" + tenant.tenantId() + "/apps", ADMIN,
                Map.of("name", "x", "difyApiKey", "app-1", "mode", "chatbot"), 400);

        assertThat(problem.get("detail").asText()).startsWith("mode must be one of [chat, agent-chat");
    }

    @Test
    void keyOfAnotherTenantSeesNothing() {
        var mine = gateway.onboard(10);
        var other = gateway.onboard(10);
        String adminKey = gateway.post("/api/tenants/" + other.tenantId() + "/api-keys", ADMIN,
                Map.of("name", "admin", "appId", other.appId(), "roles", List.of("tenant-admin")), 201)
                .get("key").asText();

        await().untilAsserted(() ->
                gateway.get("/api/accounts/" + other.accountId() + "/balance", adminKey, 200));
        gateway.get("/api/accounts/" + mine.accountId() + "/balance", adminKey, 404);
        gateway.get("/api/usage?tenantId=" + mine.tenantId(), adminKey, 404);
    }

    @Test
    void developerKeyCannotReadItsOwnTenantsBalance() {
        var tenant = gateway.onboard(10);

        gateway.get("/api/accounts/" + tenant.accountId() + "/balance", tenant.key(), 403);
    }

    @Test
    void grantMustBePositive() {
        var tenant = gateway.onboard(0);

        JsonNode problem = gateway.post("/api/accounts/" + tenant.accountId() + "/grants", ADMIN,
                Map.of("tokens", -5, "reason", "oops"), 400);

        assertThat(problem.get("detail").asText()).isEqualTo("tokens must be greater than 0");
    }

    @Test
    void grantToUnknownAccountIs404() {
        gateway.post("/api/accounts/nope/grants", ADMIN, Map.of("tokens", 5, "reason", "x"), 404);
    }

    @Test
    void balanceAsOfThePastIgnoresLaterCredits() {
        var tenant = gateway.onboard(10);
        await().untilAsserted(() -> assertThat(gateway.get("/api/accounts/" + tenant.accountId() + "/balance",
                ADMIN, 200).get("balance").asLong()).isEqualTo(10));
        String between = Instant.now().toString();
        gateway.post("/api/accounts/" + tenant.accountId() + "/grants", ADMIN, Map.of("tokens", 5, "reason", "x"), 201);

        await().untilAsserted(() ->
                assertThat(gateway.get("/api/accounts/" + tenant.accountId() + "/balance", ADMIN, 200)
                        .get("balance").asLong()).isEqualTo(15));
        assertThat(gateway.get("/api/accounts/" + tenant.accountId() + "/balance?asOf=" + between, ADMIN, 200)
                .get("balance").asLong()).isEqualTo(10);
    }

    @Test
    void prometheusServesTheGatewaysMeters() {
        var tenant = gateway.onboard(100);
        gateway.chat(tenant.key(), GatewayTestSupport.chatBody("hello")).expectStatus().isOk();

        String metrics = http.get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN)
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(metrics).contains("sigmacode_calls_total{outcome=\"completed\"}")
                .contains("sigmacode_firewall_verdicts_total{stage=\"PRE\",verdict=\"ALLOW\"}")
                .contains("sigmacode_tokens_debited_total")
                .contains("sigmacode_upstream_latency_seconds_count")
                .contains("sigmacode_projection_lag_seconds{processing_group=\"balance\"}")
                .contains("sigmacode_projection_lag_distribution_seconds_bucket{processing_group=\"usage\"")
                .doesNotContain("commandBus_successCounter_total");
    }

    @Test
    void openApiDocumentListsTheManagementApis() {
        String document = http.get().uri("/v3/api-docs").header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN)
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(document).contains("Sigmacode Gateway management API").contains("\"/api/tenants\"")
                .contains("\"/api/accounts/{accountId}/balance\"")
                .contains("\"/api/tenants/{tenantId}/firewall-policy\"");
    }

    @Test
    void theLedgerListsCreditsAndDebitsWithTheRunningBalanceAlsoAsCsv() {
        var tenant = gateway.onboard(100);
        gateway.chat(tenant.key(), GatewayTestSupport.chatBody("hello")).expectStatus().isOk();
        String path = "/api/accounts/" + tenant.accountId() + "/ledger";

        await().untilAsserted(() -> {
            JsonNode entries = gateway.get(path, ADMIN, 200).get("entries");
            assertThat(entries).hasSize(2);
            assertThat(entries.get(0).get("kind").asText()).isEqualTo("CREDIT");
            assertThat(entries.get(0).get("balance").asLong()).isEqualTo(100);
            assertThat(entries.get(1).get("kind").asText()).isEqualTo("DEBIT");
            assertThat(entries.get(1).get("tokens").asLong()).isEqualTo(-4);
            assertThat(entries.get(1).get("balance").asLong()).isEqualTo(96);
        });
        String csv = http.get().uri(path).header("Authorization", "Bearer " + ADMIN)
                .accept(MediaType.parseMediaType("text/csv"))
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv.split("\r\n")).hasSize(3);
        assertThat(csv).startsWith("occurred_at,kind,reference,tokens,balance\r\n").contains(",DEBIT,")
                .endsWith(",-4,96\r\n");
    }

    @Test
    void healthIsUp() {
        http.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }
}
