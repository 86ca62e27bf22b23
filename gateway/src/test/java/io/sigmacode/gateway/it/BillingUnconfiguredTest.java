package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.Map;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static io.sigmacode.gateway.it.GatewayTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;

/** The shared gateway has no Stripe settings: billing says so, and the price book still reads version 1. */
class BillingUnconfiguredTest extends GatewayIntegrationTest {

    @Test
    void checkoutWithoutStripeSettingsIs503WithAClearProblem() {
        var tenant = gateway.onboard(0);
        JsonNode problem = gateway.post("/api/billing/checkout", ADMIN,
                Map.of("accountId", tenant.accountId(), "packageId", "starter"), 503);
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("detail").asText()).contains("STRIPE_API_KEY");
    }

    @Test
    void webhookWithoutStripeSettingsIs503AndRecordsNothing() {
        long events = gateway.eventCount();
        JsonNode problem = read(http.post().uri("/api/billing/stripe/webhook")
                .header("Stripe-Signature", "t=1,v1=00")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\"}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().returnResult().getResponseBodyContent());
        assertThat(problem.get("detail").asText()).contains("STRIPE_WEBHOOK_SECRET");
        assertThat(gateway.eventCount()).isEqualTo(events);
    }

    @Test
    void thePriceBookStartsAtVersionOneWithApiMdsPackages() {
        JsonNode book = gateway.get("/api/price-book", ADMIN, 200);
        assertThat(book.get("version").asInt()).isEqualTo(1);
        assertThat(book.get("flatFees").get("chat-messages").asLong()).isEqualTo(1);
        assertThat(book.get("ratePer1000").decimalValue()).isEqualByComparingTo("2");
        assertThat(book.get("maxLlmTokensPerCall").asLong()).isEqualTo(2_000_000);
        assertThat(book.get("packages")).extracting(p -> p.get("id").asText() + " " + p.get("tokens").asLong()
                + " " + p.get("priceMinor").asLong() + " " + p.get("currency").asText())
                .containsExactly("starter 1000 999 EUR", "pro 10000 7999 EUR", "enterprise 100000 59999 EUR");
    }
}
