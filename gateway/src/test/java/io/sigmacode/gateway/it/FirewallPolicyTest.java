package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static io.sigmacode.gateway.it.GatewayTestSupport.JSON;
import static io.sigmacode.gateway.it.GatewayTestSupport.assertDifyError;
import static io.sigmacode.gateway.it.GatewayTestSupport.chatBody;
import static io.sigmacode.gateway.it.GatewayTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;

class FirewallPolicyTest extends GatewayIntegrationTest {

    private JsonNode policyOf(String tenantId) {
        return gateway.get("/api/tenants/" + tenantId + "/firewall-policy", ADMIN, 200);
    }

    private JsonNode put(String tenantId, JsonNode document, int status) {
        return read(http.put().uri("/api/tenants/" + tenantId + "/firewall-policy")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(document.toString())
                .exchange().expectStatus().isEqualTo(status)
                .expectBody().returnResult().getResponseBodyContent());
    }

    private ObjectNode withDenyPhrase(JsonNode defaults, String phrase) {
        ObjectNode document = defaults.deepCopy();
        document.set("customRules", JSON.valueToTree(Map.of(
                "phrases", List.of(Map.of("id", "codename", "phrases", List.of(phrase), "action", "BLOCK")),
                "regexes", List.of(), "topics", List.of())));
        return document;
    }

    @Test
    void aTenantWithoutItsOwnPolicyRunsThePlatformDefaultAsVersionZero() {
        var tenant = gateway.onboard(0);

        JsonNode policy = policyOf(tenant.tenantId());

        assertThat(policy.get("version").asInt()).isZero();
        assertThat(policy.at("/document/actions").size()).isPositive();
    }

    @Test
    void aPublishedPolicyDecidesTheNextCallAndItsVerdictNamesTheVersion() {
        var tenant = gateway.onboard(100);
        JsonNode published = put(tenant.tenantId(),
                withDenyPhrase(policyOf(tenant.tenantId()).get("document"), "project bluebird"), 200);
        assertThat(published.get("version").asInt()).isEqualTo(1);

        var result = gateway.chat(tenant.key(), chatBody("What is the status of Project Bluebird?"))
                .expectStatus().isForbidden().expectBody().returnResult();

        assertDifyError(read(result.getResponseBodyContent()), 403, "firewall_blocked");
        assertThat(DIFY.requestCount()).isZero();
        String verdict = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%FirewallVerdictRecordedEvent'""",
                String.class, tenant.accountId());
        assertThat(verdict).contains("\"policyVersion\":1").contains("\"category\":\"custom\"");
    }

    @Test
    void anInvalidRegexIsRefusedAndThePreviousVersionStays() {
        var tenant = gateway.onboard(0);
        JsonNode defaults = policyOf(tenant.tenantId()).get("document");
        put(tenant.tenantId(), withDenyPhrase(defaults, "bluebird"), 200);
        ObjectNode broken = defaults.deepCopy();
        broken.set("customRules", JSON.valueToTree(Map.of("phrases", List.of(), "topics", List.of(),
                "regexes", List.of(Map.of("id", "order", "pattern", "ORD-[0-9", "action", "BLOCK")))));

        JsonNode problem = put(tenant.tenantId(), broken, 400);

        assertThat(problem.get("detail").asText()).contains("order");
        assertThat(policyOf(tenant.tenantId()).get("version").asInt()).isEqualTo(1);
    }

    @Test
    void anUnknownCategoryIsRefusedWithItsName() {
        var tenant = gateway.onboard(0);
        ObjectNode document = policyOf(tenant.tenantId()).get("document").deepCopy();
        ((ObjectNode) document.get("actions").get(0)).put("category", "astrology");

        JsonNode problem = put(tenant.tenantId(), document, 400);

        assertThat(problem.get("detail").asText()).contains("astrology");
    }

    @Test
    void dryRunScanFindsWithoutRecording() {
        long before = gateway.eventCount();

        JsonNode result = gateway.post("/api/firewall/scan", ADMIN,
                Map.of("stage", "PRE", "text", "Mail me at jane.doe@example.org"), 200);

        assertThat(result.get("verdict").asText()).isEqualTo("REDACT");
        JsonNode finding = result.get("findings").get(0);
        assertThat(finding.get("category").asText()).isEqualTo("pii");
        assertThat(finding.get("kind").asText()).isEqualTo("email");
        assertThat(finding.get("start").asInt()).isEqualTo(11);
        assertThat(result.toString()).doesNotContain("jane.doe@example.org");
        assertThat(gateway.eventCount()).isEqualTo(before);
    }

    @Test
    void maskAndRestoreHidesThePromptsDataFromDifyAndGivesItBackInTheAnswer() {
        var tenant = gateway.onboard(100);
        ObjectNode document = policyOf(tenant.tenantId()).get("document").deepCopy();
        document.put("maskAndRestore", true);
        put(tenant.tenantId(), document, 200);
        DIFY.setAnswer("I will write to [EMAIL_1] today.");

        JsonNode answer = read(gateway.chat(tenant.key(), chatBody("Draft a note to jane.doe@example.org"))
                .expectStatus().isOk().expectBody().returnResult().getResponseBodyContent());

        assertThat(DIFY.requests().get(0).bodyAsString()).contains("[EMAIL_1]").doesNotContain("jane.doe");
        assertThat(answer.get("answer").asText()).isEqualTo("I will write to jane.doe@example.org today.");
    }
}
