package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigmacode.gateway.security.ApiKeys;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static io.sigmacode.gateway.it.GatewayTestSupport.chatBody;
import static org.assertj.core.api.Assertions.assertThat;

/** The directory (tenants, apps, keys) is rebuilt from the events on request, and keys keep working meanwhile. */
class DirectoryReplayTest extends GatewayIntegrationTest {

    @Test
    void aReplayRepairsTheDirectoryFromTheEvents() {
        var tenant = gateway.onboard(100);
        JsonNode revoked = gateway.post("/api/tenants/" + tenant.tenantId() + "/api-keys", ADMIN, Map.of("name",
                "old", "appId", tenant.appId(), "roles", List.of("developer")), 201);
        http.delete().uri("/api/tenants/" + tenant.tenantId() + "/api-keys/" + revoked.get("keyId").asText())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN).exchange().expectStatus().isNoContent();
        jdbc.update("DELETE FROM api_key_view WHERE key_hash = ?", ApiKeys.hash(tenant.key()));
        jdbc.update("UPDATE api_key_view SET revoked = FALSE WHERE key_id = ?", revoked.get("keyId").asText());
        gateway.chat(tenant.key(), chatBody("hello")).expectStatus().isUnauthorized();
        JsonNode defaults = gateway.get("/api/tenants/" + tenant.tenantId() + "/firewall-policy", ADMIN, 200);
        http.put().uri("/api/tenants/" + tenant.tenantId() + "/firewall-policy")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(defaults.get("document").toString()).exchange().expectStatus().isOk();
        long policiesAndPriceBooks = policiesAndPriceBooks();

        JsonNode status = gateway.post("/api/admin/projections/directory/replay", ADMIN, Map.of(), 202);

        assertThat(status.get("name").asText()).isEqualTo("directory");
        assertThat(status.get("caughtUp").asBoolean()).isTrue();
        gateway.chat(tenant.key(), chatBody("hello")).expectStatus().isOk();
        gateway.chat(revoked.get("key").asText(), chatBody("hello")).expectStatus().isUnauthorized();
        assertThat(policiesAndPriceBooks()).as("the projections sharing the processing group keep their rows")
                .isEqualTo(policiesAndPriceBooks);
        assertThat(gateway.get("/api/tenants/" + tenant.tenantId() + "/firewall-policy", ADMIN, 200)
                .get("version").asInt()).isEqualTo(1);
    }

    private long policiesAndPriceBooks() {
        return jdbc.queryForObject("""
                SELECT (SELECT COUNT(*) FROM firewall_policy_view) + (SELECT COUNT(*) FROM price_book_version)""",
                Long.class);
    }

    @Test
    void keysKeepWorkingWhileTheDirectoryIsReplayed() {
        var tenant = gateway.onboard(0);
        String key = gateway.post("/api/tenants/" + tenant.tenantId() + "/api-keys", ADMIN, Map.of("name", "admin",
                "appId", tenant.appId(), "roles", List.of("tenant-admin")), 201).get("key").asText();

        CompletableFuture<JsonNode> replay = CompletableFuture.supplyAsync(() ->
                gateway.post("/api/admin/projections/directory/replay", ADMIN, Map.of(), 202));
        List<Integer> statuses = new ArrayList<>();
        do {
            statuses.add(http.get().uri("/api/tenants/" + tenant.tenantId())
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange()
                    .expectBody().returnResult().getStatus().value());
        } while (!replay.isDone());

        assertThat(replay.join().get("name").asText()).isEqualTo("directory");
        assertThat(statuses).isNotEmpty().containsOnly(200);
    }

    @Test
    void theListShowsEachProjectionsPositionAndLag() {
        gateway.onboard(10);

        JsonNode projections = gateway.get("/api/admin/projections", ADMIN, 200);

        List<String> names = new ArrayList<>();
        projections.forEach(projection -> {
            names.add(projection.get("name").asText());
            assertThat(projection.has("lag")).as(projection.toString()).isTrue();
            assertThat(projection.has("position")).as(projection.toString()).isTrue();
        });
        assertThat(names).contains("directory", "balance", "usage", "timeline");
    }
}
