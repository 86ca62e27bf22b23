package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static io.sigmacode.gateway.it.GatewayTestSupport.chatBody;
import static io.sigmacode.gateway.it.GatewayTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which price book version prices a call, and corrections of a mistaken version through the API: the statement
 * shows the original debits and their corrections apart, and its figures add up; the ledger lists the corrections.
 * Each test publishes the versions it needs.
 */
class PriceCorrectionTest extends FinanceIntegrationTest {

    @Test
    void aCallIsSettledByTheVersionInForceWhenItStartedEvenIfAnotherIsPublishedMeanwhile() {
        int base = publish(book(1, Map.of()));
        var tenant = gateway.onboard(1_000);
        DIFY.setLatency(Duration.ofSeconds(2));
        CompletableFuture<Integer> call = CompletableFuture.supplyAsync(() -> gateway.chat(tenant.key(),
                chatBody("Hi")).returnResult(String.class).getStatus().value());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> payloads(tenant.accountId(), "CallStartedEvent").size() == 1);

        int dearer = publish(book(9, Map.of()));

        assertThat(call.join()).isEqualTo(200);
        assertThat(dearer).isEqualTo(base + 1);
        assertThat(payloads(tenant.accountId(), "CallStartedEvent").get(0).get("priceBookVersion").asInt())
                .isEqualTo(base);
        JsonNode debit = payloads(tenant.accountId(), "TokensDebitedEvent").get(0);
        // 1 flat + ceil(1,161 x 2 / 1,000) under the version the call started under, not 9 + 3 under the new one
        assertThat(debit.get("tokens").asLong()).isEqualTo(4);
        assertThat(debit.get("charge").get("priceBookVersion").asInt()).isEqualTo(base);
    }

    @Test
    void aMistakenVersionIsCorrectedOnceAndTheStatementShowsOriginalAndCorrectionThatAddUp() {
        var tenant = gateway.onboard(1_000);
        Instant from = Instant.now().minusSeconds(5);
        int mistaken = publish(book(50, Map.of(tenant.appId(), 20)));
        // 50 flat + ceil(1,161 x 20 / 1,000) = 74, twice
        chat(tenant);
        chat(tenant);
        int right = publish(book(1, Map.of()));
        chat(tenant);
        String intent = "pi_corr_" + System.nanoTime();
        webhook(StripeEvents.paidSession("evt_p_" + intent, "cs_" + intent, intent, tenant.accountId(), "starter",
                999));
        webhook(StripeEvents.refund("evt_r_" + intent, intent, 999, 333));
        String tenantAdmin = gateway.post("/api/tenants/" + tenant.tenantId() + "/api-keys", ADMIN, Map.of(
                "name", "ta", "appId", tenant.appId(), "roles", List.of("tenant-admin")), 201).get("key").asText();
        gateway.post("/api/price-book/corrections", tenantAdmin, correction(mistaken, right), 403);
        gateway.post("/api/price-book/corrections", ADMIN, Map.of("mistakenVersion", mistaken), 400);
        gateway.post("/api/price-book/corrections", ADMIN, correction(right, mistaken), 400);

        JsonNode corrected = gateway.post("/api/price-book/corrections", ADMIN, correction(mistaken, right), 200);

        assertThat(corrected.get("outcome").asText()).isEqualTo("corrected");
        assertThat(corrected.get("accounts").asLong()).isEqualTo(1);
        assertThat(corrected.get("debitsCorrected").asLong()).isEqualTo(2);
        JsonNode again = gateway.post("/api/price-book/corrections", ADMIN, correction(mistaken, right), 200);
        assertThat(again.get("outcome").asText()).isEqualTo("duplicate");
        assertThat(again.get("debitsCorrected").asLong()).isZero();
        assertThat(payloads(tenant.accountId(), "DebitCorrectedEvent")).hasSize(2)
                .allSatisfy(event -> assertThat(event.get("originalTokens").asLong()).isEqualTo(74));

        long closing = 1_000 + 1_000 - 2 * 74 - 4 - 333 + 2 * (74 - 4);
        String range = "?from=" + from + "&to=" + Instant.now().plusSeconds(60);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode statement = gateway.get("/api/accounts/" + tenant.accountId() + "/statement" + range, ADMIN,
                    200);
            assertThat(statement.get("openingBalance").asLong()).isZero();
            assertThat(statement.get("credits").asLong()).isEqualTo(2_000);
            assertThat(statement.get("debits").asLong()).isEqualTo(2 * 74 + 4);
            assertThat(statement.get("revocations").asLong()).isEqualTo(333);
            assertThat(statement.get("corrections").asLong()).isEqualTo(140);
            assertThat(statement.get("closingBalance").asLong()).isEqualTo(closing)
                    .isEqualTo(statement.get("openingBalance").asLong() + statement.get("credits").asLong()
                            - statement.get("debits").asLong() - statement.get("revocations").asLong()
                            + statement.get("corrections").asLong());
            JsonNode byVersion = statement.get("correctionsByVersion");
            assertThat(byVersion).hasSize(1);
            assertThat(byVersion.get(0).get("mistakenVersion").asInt()).isEqualTo(mistaken);
            assertThat(byVersion.get(0).get("correctingVersion").asInt()).isEqualTo(right);
            assertThat(byVersion.get(0).get("debits").asLong()).isEqualTo(2);
            assertThat(byVersion.get(0).get("originalTokens").asLong()).isEqualTo(148);
            assertThat(byVersion.get(0).get("correctedTokens").asLong()).isEqualTo(8);
            assertThat(byVersion.get(0).get("tokens").asLong()).isEqualTo(140);
        });
        JsonNode balance = gateway.get("/api/accounts/" + tenant.accountId() + "/balance", ADMIN, 200);
        assertThat(balance.get("balance").asLong()).isEqualTo(closing);
        List<String> ledger = new ArrayList<>();
        gateway.get("/api/accounts/" + tenant.accountId() + "/ledger" + range, ADMIN, 200).get("entries")
                .forEach(entry -> ledger.add(entry.get("kind").asText() + " " + entry.get("tokens").asLong()));
        assertThat(ledger).containsExactly("CREDIT 1000", "DEBIT -74", "DEBIT -74", "DEBIT -4", "CREDIT 1000",
                "REVOCATION -333", "CORRECTION 70", "CORRECTION 70");
        List<String> corrections = csv("/api/accounts/" + tenant.accountId() + "/ledger" + range).lines()
                .filter(line -> line.contains(",CORRECTION,")).toList();
        assertThat(corrections).hasSize(2);
        assertThat(corrections.get(0)).endsWith(",70," + (closing - 70));
        assertThat(corrections.get(1)).endsWith(",70," + closing);
    }

    private static Map<String, Object> correction(int mistaken, int right) {
        return Map.of("mistakenVersion", mistaken, "correctingVersion", right, "reason", "fee typed as 50");
    }

    private void chat(GatewayTestSupport.Tenant tenant) {
        gateway.chat(tenant.key(), chatBody("Hi")).expectStatus().isOk();
    }

    /** Version 1's document with another chat fee and these app rates. */
    private ObjectNode book(long chatFee, Map<String, Integer> appRates) {
        ObjectNode book = gateway.get("/api/price-book", ADMIN, 200).deepCopy();
        ((ObjectNode) book.get("flatFees")).put("chat-messages", chatFee);
        book.put("ratePer1000", 2);
        ObjectNode rates = book.putObject("appRatesPer1000");
        appRates.forEach(rates::put);
        book.putArray("freeEndpoints");
        return book;
    }

    private int publish(ObjectNode book) {
        return read(http.put().uri("/api/price-book").header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(book).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBodyContent()).get("version").asInt();
    }
}
