package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code invoice.paid} and {@code invoice.payment_failed} through the signed webhook: an invoice that names an account
 * and a package sells it like a Checkout session, once per payment; a failed invoice moves no tokens.
 */
class StripeInvoiceTest extends FinanceIntegrationTest {

    @Test
    void aPaidInvoiceNamingAccountAndPackageCreditsItOnceAndItsRefundFindsThePayment() {
        var tenant = gateway.onboard(0);
        String intent = "pi_inv_" + System.nanoTime();
        String paid = invoice("evt_i1_" + intent, "invoice.paid", "in_" + intent, tenant.accountId(), "pro",
                7_999, """
                "payments":{"object":"list","data":[{"object":"invoice_payment",
                  "payment":{"type":"payment_intent","payment_intent":"%s"}}]}""".formatted(intent));

        JsonNode first = webhook(paid);
        JsonNode redelivered = webhook(paid);
        JsonNode sameInvoiceOtherEvent = webhook(paid.replace("evt_i1_", "evt_i2_"));

        assertThat(first.get("outcome").asText()).isEqualTo("credited");
        assertThat(redelivered.get("outcome").asText()).isEqualTo("credited");
        assertThat(redelivered.get("detail").asText()).isEqualTo("already received");
        assertThat(sameInvoiceOtherEvent.get("outcome").asText()).isEqualTo("duplicate");
        assertThat(payloads(tenant.accountId(), "TokenPackagePurchasedEvent")).singleElement()
                .satisfies(credit -> {
                    assertThat(credit.get("tokens").asLong()).isEqualTo(10_000);
                    assertThat(credit.get("sessionId").asText()).isEqualTo("in_" + intent);
                    assertThat(credit.get("paymentIntentId").asText()).isEqualTo(intent);
                    assertThat(credit.get("amountMinor").asLong()).isEqualTo(7_999);
                    assertThat(credit.get("currency").asText()).isEqualTo("EUR");
                });

        assertThat(webhook(StripeEvents.refund("evt_r_" + intent, intent, 7_999, 7_999)).get("outcome").asText())
                .isEqualTo("applied");
        assertBalance(tenant.accountId(), 0);
    }

    @Test
    void anInvoiceForAPaymentItsSessionAlreadyCreditedIsADuplicate() {
        var tenant = gateway.onboard(0);
        String intent = "pi_dup_" + System.nanoTime();
        webhook(StripeEvents.paidSession("evt_s_" + intent, "cs_" + intent, intent, tenant.accountId(), "starter",
                999));

        JsonNode receipt = webhook(invoice("evt_i_" + intent, "invoice.paid", "in_" + intent, tenant.accountId(),
                "starter", 999, "\"payment_intent\":\"" + intent + "\""));

        assertThat(receipt.get("outcome").asText()).isEqualTo("duplicate");
        assertThat(payloads(tenant.accountId(), "TokenPackagePurchasedEvent")).hasSize(1);
        assertBalance(tenant.accountId(), 1_000);
    }

    @Test
    void aPaidInvoiceWithoutAccountAndPackageIsUnmatchedAndCreditsNothing() {
        var tenant = gateway.onboard(0);
        String id = "in_plain_" + System.nanoTime();
        String event = """
                {"id":"evt_%s","object":"event","api_version":"%s","type":"invoice.paid",
                 "data":{"object":{"id":"%s","object":"invoice","status":"paid","amount_paid":500,"currency":"eur",
                  "metadata":{}}}}""".formatted(id, StripeEvents.API_VERSION, id);

        JsonNode receipt = webhook(event);

        assertThat(receipt.get("outcome").asText()).isEqualTo("unmatched");
        assertThat(receipt.get("detail").asText()).contains("names no account and package");
        assertThat(jdbc.queryForObject("SELECT outcome FROM stripe_event WHERE event_id = ?", String.class,
                "evt_" + id)).isEqualTo("unmatched");
        assertBalance(tenant.accountId(), 0);
    }

    @Test
    void aFailedInvoicePaymentIsRecordedAndMovesNoTokens() {
        var tenant = gateway.onboard(0);
        String intent = "pi_fail_" + System.nanoTime();
        String failed = invoice("evt_f_" + intent, "invoice.payment_failed", "in_" + intent, tenant.accountId(),
                "pro", 0, "\"payment_intent\":\"" + intent + "\",\"attempt_count\":2,\"amount_due\":7999");

        JsonNode receipt = webhook(failed);

        assertThat(receipt.get("outcome").asText()).isEqualTo("payment_failed");
        assertThat(receipt.get("detail").asText()).isEqualTo("attempt 2, 7999 EUR due");
        assertThat(jdbc.queryForList("SELECT account_id FROM stripe_event WHERE event_id = ?", String.class,
                "evt_f_" + intent)).containsExactly(tenant.accountId());
        assertThat(payloads(tenant.accountId(), "TokenPackagePurchasedEvent")).isEmpty();
        assertThat(payloads(intent, "CheckoutPaidEvent")).isEmpty();
    }

    @Test
    void anInvoiceEventWithABadSignatureIsRefusedAndNothingIsRecorded() {
        var tenant = gateway.onboard(0);
        String intent = "pi_bad_" + System.nanoTime();
        String paid = invoice("evt_b_" + intent, "invoice.paid", "in_" + intent, tenant.accountId(), "pro", 7_999,
                "\"payment_intent\":\"" + intent + "\"");

        http.post().uri("/api/billing/stripe/webhook")
                .header("Stripe-Signature", StripeEvents.signature(paid, Instant.now(), "whsec_someone_else"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(paid).exchange().expectStatus().isBadRequest();
        http.post().uri("/api/billing/stripe/webhook")
                .header("Stripe-Signature", StripeEvents.signature(paid, Instant.now().minusSeconds(301), SECRET))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(paid).exchange().expectStatus().isBadRequest();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stripe_event WHERE event_id = ?", Long.class,
                "evt_b_" + intent)).isZero();
        assertThat(payloads(intent, "CheckoutPaidEvent")).isEmpty();
    }

    private static String invoice(String eventId, String type, String invoiceId, String accountId, String packageId,
                                  long amountPaid, String extra) {
        return """
                {"id":"%s","object":"event","api_version":"%s","type":"%s",
                 "data":{"object":{"id":"%s","object":"invoice","status":"%s","amount_paid":%d,"currency":"eur",
                  "metadata":{"accountId":"%s","packageId":"%s","priceBookVersion":"1"},%s}}}"""
                .formatted(eventId, StripeEvents.API_VERSION, type, invoiceId,
                        "invoice.paid".equals(type) ? "paid" : "open", amountPaid, accountId, packageId, extra);
    }

    private void assertBalance(String accountId, long balance) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(gateway.get("/api/accounts/"
                + accountId + "/balance", ADMIN, 200).get("balance").asLong()).isEqualTo(balance));
    }
}
