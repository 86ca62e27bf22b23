package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.sigmacode.gateway.GatewayApplication;
import io.sigmacode.standin.DifyStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static io.sigmacode.gateway.it.GatewayTestSupport.chatBody;
import static io.sigmacode.gateway.it.GatewayTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stripe end to end on one gateway: stripe-java talks to a WireMock stub of Stripe's API (nothing leaves the
 * machine) and webhooks are signed the way Stripe signs them, HMAC-SHA256 over {@code timestamp.payload}.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class StripeBillingTest {

    private static final String SECRET = "whsec_test_secret";
    private static final String API_VERSION = "2026-07-29.dahlia";
    private static final DifyStandIn DIFY = DifyStandIn.builder().usage(1033, 128).answer("Hello.").build().start();
    private static final WireMockServer STRIPE = startStripe();
    /** 1 flat fee + ceil(1,161 LLM tokens × 2 / 1,000) under version 1. */
    private static final long CALL_PRICE = 4;

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;

    private GatewayTestSupport gateway;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("sigmacode.dify.base-url", DIFY::baseUrl);
        registry.add("sigmacode.data-dir", Files.createTempDirectory("sigmacode-stripe")::toString);
        registry.add("sigmacode.admin-token", () -> ADMIN);
        registry.add("sigmacode.encryption-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        registry.add("server.shutdown", () -> "immediate");
        registry.add("stripe.api-key", () -> "sk_test_gateway");
        registry.add("stripe.webhook-secret", () -> SECRET);
        registry.add("stripe.api-base", STRIPE::baseUrl);
        registry.add("stripe.success-url", () -> "https://shop.example/paid");
        registry.add("sigmacode.alerts.poll-every", () -> "200ms");
        registry.add("sigmacode.alerts.retry-base", () -> "300ms");
    }

    private static WireMockServer startStripe() {
        var server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    @AfterAll
    static void stopStripe() {
        STRIPE.stop();
    }

    @BeforeEach
    void setUp() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        gateway = new GatewayTestSupport(http, jdbc);
        STRIPE.resetAll();
        DIFY.setLatency(Duration.ZERO);
    }

    @Test
    void checkoutCreatesAPaymentSessionForTheAccountsPackage() {
        var tenant = gateway.onboard(0);
        String tenantAdmin = key(tenant, "tenant-admin");
        STRIPE.stubFor(post(urlEqualTo("/v1/checkout/sessions")).willReturn(okJson("""
                {"id":"cs_test_a1","object":"checkout.session","mode":"payment",
                 "url":"https://checkout.stripe.com/c/pay/cs_test_a1"}""")));

        JsonNode session = gateway.post("/api/billing/checkout", tenantAdmin,
                Map.of("accountId", tenant.accountId(), "packageId", "pro"), 200);

        assertThat(session.get("sessionId").asText()).isEqualTo("cs_test_a1");
        assertThat(session.get("url").asText()).isEqualTo("https://checkout.stripe.com/c/pay/cs_test_a1");
        STRIPE.verify(1, postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withHeader("Authorization", equalTo("Bearer sk_test_gateway"))
                .withHeader("Idempotency-Key", matching("checkout-.+"))
                .withFormParam("mode", equalTo("payment"))
                .withFormParam("client_reference_id", equalTo(tenant.accountId()))
                .withFormParam("metadata[accountId]", equalTo(tenant.accountId()))
                .withFormParam("metadata[packageId]", equalTo("pro"))
                .withFormParam("metadata[priceBookVersion]", matching("[0-9]+"))
                .withFormParam("line_items[0][price_data][unit_amount]", equalTo("7999"))
                .withFormParam("line_items[0][price_data][currency]", equalTo("eur"))
                .withFormParam("success_url", equalTo("https://shop.example/paid")));
    }

    @Test
    void checkoutIsRefusedForAnUnknownPackageAndForOtherTenants() {
        var tenant = gateway.onboard(0);
        var other = gateway.onboard(0);
        JsonNode problem = gateway.post("/api/billing/checkout", ADMIN,
                Map.of("accountId", tenant.accountId(), "packageId", "platinum"), 400);
        assertThat(problem.get("detail").asText()).contains("platinum");
        gateway.post("/api/billing/checkout", key(other, "tenant-admin"),
                Map.of("accountId", tenant.accountId(), "packageId", "pro"), 404);
        STRIPE.verify(0, postRequestedFor(urlEqualTo("/v1/checkout/sessions")));
    }

    @Test
    void everyEventDeliveredFiveTimesShuffledFromFourThreadsCountsOnce() throws Exception {
        var tenant = gateway.onboard(0);
        String intent = "pi_" + System.nanoTime();
        List<String> events = List.of(
                paidSession("evt_paid_" + intent, "cs_" + intent, intent, tenant.accountId(), "starter", 999),
                refund("evt_refund_" + intent, intent, 333),
                dispute("evt_dp_open_" + intent, "charge.dispute.created", intent, 333, "needs_response"),
                dispute("evt_dp_lost_" + intent, "charge.dispute.closed", intent, 333, "lost"));
        List<String> deliveries = new ArrayList<>();
        events.forEach(event -> deliveries.addAll(Collections.nCopies(5, event)));
        Collections.shuffle(deliveries, new Random(8));

        List<Integer> statuses = inParallel(deliveries.stream()
                .<Callable<Integer>>map(event -> () -> deliver(event, signature(event, Instant.now())))
                .toList());

        assertThat(statuses).hasSize(20).containsOnly(200);
        // 1,000 bought; a third refunded and a third lost in the dispute: 333 + 333 taken back.
        assertThat(eventsOf(tenant.accountId(), "TokenPackagePurchasedEvent")).isEqualTo(1);
        assertThat(sumOf(tenant.accountId(), "TokensRevokedEvent")).isEqualTo(666);
        assertBalance(tenant.accountId(), 334, 0);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stripe_event WHERE event_id LIKE ?", Long.class,
                "%" + intent)).isEqualTo(4);
        assertThat(jdbc.queryForList("SELECT outcome FROM stripe_event WHERE event_id = ?", String.class,
                "evt_paid_" + intent)).containsExactly("credited");
    }

    @Test
    void aRefundBeforeItsPurchaseIsAppliedOnceWhenThePurchaseArrives() {
        var tenant = gateway.onboard(0);
        String intent = "pi_" + System.nanoTime();
        String refund = refund("evt_r_" + intent, intent, 999);
        String paid = paidSession("evt_p_" + intent, "cs_" + intent, intent, tenant.accountId(), "starter", 999);

        assertThat(webhook(refund).get("outcome").asText()).isEqualTo("pending");
        assertThat(eventsOf(tenant.accountId(), "TokensRevokedEvent")).isZero();
        assertThat(webhook(paid).get("outcome").asText()).isEqualTo("credited");
        assertThat(webhook(refund("evt_r2_" + intent, intent, 999)).get("outcome").asText()).isEqualTo("duplicate");

        assertThat(eventsOf(tenant.accountId(), "TokensRevokedEvent")).isEqualTo(1);
        assertBalance(tenant.accountId(), 0, 0);
        await().untilAsserted(() -> assertThat(gateway.get("/api/accounts/" + tenant.accountId() + "/ledger",
                ADMIN, 200).get("entries")).extracting(entry -> entry.get("kind").asText() + " "
                + entry.get("tokens").asLong() + " " + entry.path("source").asText("-") + " "
                + entry.get("balance").asLong())
                .containsExactly("CREDIT 1000 stripe 1000", "REVOCATION -1000 - 0"));
    }

    @Test
    void anOpenDisputeHoldsTokensUntilItIsWon() {
        var tenant = gateway.onboard(0);
        String intent = "pi_" + System.nanoTime();
        webhook(paidSession("evt_p_" + intent, "cs_" + intent, intent, tenant.accountId(), "pro", 7999));
        webhook(dispute("evt_o_" + intent, "charge.dispute.created", intent, 7999, "needs_response"));
        assertBalance(tenant.accountId(), 10_000, 10_000);

        gateway.chat(tenant.key(), chatBody("Hello")).expectStatus().isEqualTo(402);

        webhook(dispute("evt_w_" + intent, "charge.dispute.closed", intent, 7999, "won"));
        assertBalance(tenant.accountId(), 10_000, 0);
    }

    @Test
    void badMissingAndOldSignaturesAre400AndRecordNothing() {
        var tenant = gateway.onboard(0);
        String intent = "pi_" + System.nanoTime();
        String event = paidSession("evt_" + intent, "cs_" + intent, intent, tenant.accountId(), "starter", 999);
        long events = gateway.eventCount();
        long recorded = jdbc.queryForObject("SELECT COUNT(*) FROM stripe_event", Long.class);

        assertThat(deliver(event, signature(event, Instant.now(), "whsec_wrong"))).isEqualTo(400);
        assertThat(deliver(event, null)).isEqualTo(400);
        assertThat(deliver(event, signature(event, Instant.now().minusSeconds(301)))).isEqualTo(400);
        assertThat(deliver(event.replace("999", "1"), signature(event, Instant.now()))).isEqualTo(400);
        assertThat(gateway.eventCount()).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stripe_event", Long.class)).isEqualTo(recorded);

        // During a secret rotation Stripe sends one v1 per secret: one matching value is enough.
        String now = Long.toString(Instant.now().getEpochSecond());
        String rotated = "t=" + now + ",v1=" + hmac("whsec_old", now + "." + event) + ",v1="
                + hmac(SECRET, now + "." + event);
        assertThat(deliver(event, rotated)).isEqualTo(200);
    }

    @Test
    void aSessionForAnUnknownAccountOrPackageIsRecordedAsUnmatched() {
        var tenant = gateway.onboard(0);
        String intent = "pi_" + System.nanoTime();
        JsonNode noAccount = webhook(paidSession("evt_a_" + intent, "cs_a_" + intent, intent + "a", "acc-nobody",
                "starter", 999));
        JsonNode noPackage = webhook(paidSession("evt_b_" + intent, "cs_b_" + intent, intent + "b",
                tenant.accountId(), "platinum", 999));

        assertThat(noAccount.get("outcome").asText()).isEqualTo("unmatched");
        assertThat(noPackage.get("outcome").asText()).isEqualTo("unmatched");
        assertThat(noPackage.get("detail").asText()).contains("platinum");
        assertThat(eventsOf(tenant.accountId(), "TokenPackagePurchasedEvent")).isZero();
        assertThat(jdbc.queryForList("SELECT outcome FROM stripe_event WHERE event_id IN (?, ?)", String.class,
                "evt_a_" + intent, "evt_b_" + intent)).containsOnly("unmatched").hasSize(2);
    }

    @Test
    void otherEventTypesAreAcknowledgedAndRecordedAsIgnored() {
        String id = "evt_c_" + System.nanoTime();
        String event = """
                {"id":"%s","object":"event","api_version":"%s","type":"customer.created",
                 "data":{"object":{"id":"cus_1","object":"customer"}}}""".formatted(id, API_VERSION);
        assertThat(webhook(event).get("outcome").asText()).isEqualTo("ignored");
        assertThat(jdbc.queryForList("SELECT outcome FROM stripe_event WHERE event_id = ?", String.class, id))
                .containsExactly("ignored");
    }

    @Test
    void concurrentPurchasesAndCallsOnOneAccountGiveTheExactBalance() throws Exception {
        var tenant = gateway.onboard(1_000);
        List<Callable<Integer>> work = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String intent = "pi_" + System.nanoTime() + "_" + i;
            String event = paidSession("evt_" + intent, "cs_" + intent, intent, tenant.accountId(), "starter", 999);
            work.add(() -> deliver(event, signature(event, Instant.now())));
        }
        for (int i = 0; i < 20; i++) {
            work.add(() -> gateway.chat(tenant.key(), chatBody("Hi")).returnResult(String.class).getStatus().value());
        }
        Collections.shuffle(work, new Random(3));

        assertThat(inParallel(work)).hasSize(30).containsOnly(200);
        assertThat(sumOf(tenant.accountId(), "TokensDebitedEvent")).isEqualTo(20 * CALL_PRICE);
        assertBalance(tenant.accountId(), 1_000 + 10 * 1_000 - 20 * CALL_PRICE, 0);
    }

    @Test
    void aPublishedPriceBookPricesTheNextCallAndSellsItsPackages() {
        var tenant = gateway.onboard(100);
        JsonNode initial = gateway.get("/api/price-book", ADMIN, 200);
        int before = initial.get("version").asInt();
        put("/api/price-book", key(tenant, "tenant-admin"), initial, 403);
        JsonNode problem = put("/api/price-book", ADMIN, Map.of("flatFees", Map.of()), 400);
        assertThat(problem.get("detail").asText()).contains("flatFees.chat-messages is required");

        ObjectNode dearer = initial.deepCopy();
        ((ObjectNode) dearer.get("flatFees")).put("chat-messages", 3);
        try {
            JsonNode published = put("/api/price-book", ADMIN, dearer, 200);
            assertThat(published.get("version").asInt()).isEqualTo(before + 1);
            assertThat(gateway.get("/api/price-book", ADMIN, 200).get("version").asInt()).isEqualTo(before + 1);

            gateway.chat(tenant.key(), chatBody("Hi")).expectStatus().isOk();
            assertThat(sumOf(tenant.accountId(), "TokensDebitedEvent")).isEqualTo(CALL_PRICE + 2);
            assertThat(jdbc.queryForObject("""
                    SELECT (convert_from(payload, 'UTF8')::jsonb -> 'charge' ->> 'priceBookVersion')::int
                    FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%.TokensDebitedEvent'
                    """, Integer.class, tenant.accountId())).isEqualTo(before + 1);
        } finally {
            put("/api/price-book", ADMIN, initial, 200);
        }
    }

    @Test
    void reconciliationListsPaymentsWithTheirCreditsAndEveryMismatch() {
        var tenant = gateway.onboard(0);
        String intent = "pi_" + System.nanoTime();
        Instant from = Instant.now().minusSeconds(5);
        webhook(paidSession("evt_p_" + intent, "cs_" + intent, intent, tenant.accountId(), "pro", 7999));
        webhook(refund("evt_r_" + intent, intent, 999));
        webhook(paidSession("evt_d_" + intent, "cs_d_" + intent, intent + "d", tenant.accountId(), "starter", 500));
        webhook(paidSession("evt_u_" + intent, "cs_u_" + intent, intent + "u", "acc-unknown", "starter", 999));
        String range = "?from=" + from + "&to=" + Instant.now().plusSeconds(60);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode report = gateway.get("/api/finance/reconciliation" + range, ADMIN, 200);
            JsonNode payment = find(report.get("payments"), "paymentId", intent);
            assertThat(payment.get("tokens").asLong()).isEqualTo(10_000);
            assertThat(payment.get("amountMinor").asLong()).isEqualTo(7999);
            assertThat(payment.get("creditedTokens").asLong()).isEqualTo(10_000);
            // 10,000 × 999 / 7,999 = 1,248.9…
            assertThat(payment.get("refundRevokedTokens").asLong()).isEqualTo(1_248);
            assertThat(mismatchKinds(report, intent)).isEmpty();
            assertThat(mismatchKinds(report, intent + "d")).containsExactly("amount_differs_from_price");
            assertThat(mismatchKinds(report, "evt_u_" + intent)).containsExactly("unmatched_event");
        });
        String csv = http.get().uri("/api/finance/reconciliation" + range)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN)
                .accept(MediaType.parseMediaType("text/csv"))
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv).startsWith("record,kind,reference,").contains("\"payment\",\"stripe\",\"" + intent + "\"")
                .contains("\"mismatch\",\"unmatched_event\",\"evt_u_" + intent + "\"");
        gateway.get("/api/finance/reconciliation" + range, key(tenant, "tenant-admin"), 403);
        JsonNode own = gateway.get("/api/finance/reconciliation" + range, key(tenant, "finance"), 200);
        assertThat(own.get("payments")).extracting(p -> p.get("accountId").asText()).containsOnly(tenant.accountId());
    }

    @Test
    void aStatementBalancesOpeningCreditsDebitsAndRevocationsToTheClosingBalance() {
        var tenant = gateway.onboard(500);
        String intent = "pi_" + System.nanoTime();
        gateway.chat(tenant.key(), chatBody("Hi")).expectStatus().isOk();
        Instant from = Instant.now();
        webhook(paidSession("evt_p_" + intent, "cs_" + intent, intent, tenant.accountId(), "starter", 999));
        gateway.chat(tenant.key(), chatBody("Hi")).expectStatus().isOk();
        gateway.chat(tenant.key(), chatBody("Hi")).expectStatus().isOk();
        webhook(refund("evt_r_" + intent, intent, 333));
        String range = "?from=" + from + "&to=" + Instant.now().plusSeconds(60);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode statement = gateway.get("/api/accounts/" + tenant.accountId() + "/statement" + range,
                    key(tenant, "finance"), 200);
            assertThat(statement.get("openingBalance").asLong()).isEqualTo(500 - CALL_PRICE);
            assertThat(statement.get("stripeCredits").asLong()).isEqualTo(1_000);
            assertThat(statement.get("grantCredits").asLong()).isZero();
            assertThat(statement.get("debits").asLong()).isEqualTo(2 * CALL_PRICE);
            assertThat(statement.get("debitsByEndpoint")).extracting(row -> row.get("endpoint").asText() + " "
                    + row.get("calls").asLong() + " " + row.get("tokens").asLong())
                    .containsExactly("chat-messages 2 " + 2 * CALL_PRICE);
            assertThat(statement.get("revocations").asLong()).isEqualTo(333);
            assertThat(statement.get("closingBalance").asLong()).isEqualTo(statement.get("openingBalance").asLong()
                    + statement.get("credits").asLong() - statement.get("debits").asLong()
                    - statement.get("revocations").asLong() + statement.get("corrections").asLong());
            assertThat(statement.get("closingBalance").asLong()).isEqualTo(500 + 1_000 - 3 * CALL_PRICE - 333);
        });
    }

    @Test
    void aCallIsPricedByTheVersionInForceWhenItStartedAndEveryDebitCanBeRecomputed() throws Exception {
        var tenant = gateway.onboard(100);
        JsonNode initial = gateway.get("/api/price-book", ADMIN, 200);
        int started = initial.get("version").asInt();
        ObjectNode dearer = initial.deepCopy();
        ((ObjectNode) dearer.get("flatFees")).put("chat-messages", 7);
        DIFY.setLatency(Duration.ofSeconds(2));
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> call = thread.submit(() -> gateway.chat(tenant.key(), chatBody("Hi"))
                    .returnResult(String.class).getStatus().value());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> eventsOf(tenant.accountId(), "TokensReservedEvent") == 1);
            put("/api/price-book", ADMIN, dearer, 200);
            assertThat(call.get()).isEqualTo(200);
        } finally {
            thread.shutdownNow();
            DIFY.setLatency(Duration.ZERO);
            put("/api/price-book", ADMIN, initial, 200);
        }
        assertThat(sumOf(tenant.accountId(), "TokensDebitedEvent")).isEqualTo(CALL_PRICE);
        assertThat(jdbc.queryForList("""
                SELECT (convert_from(payload, 'UTF8')::jsonb -> 'charge' ->> 'priceBookVersion')::int
                FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%.TokensDebitedEvent'
                """, Integer.class, tenant.accountId())).containsExactly(started);

        // Every debit in the store, recomputed from the inputs it keeps: flat fee + ceil(total × rate / 1,000).
        List<Map<String, Object>> debits = jdbc.queryForList("""
                SELECT (c ->> 'tokens')::bigint AS tokens, (c ->> 'flatFee')::bigint AS fee,
                    (c ->> 'ratePer1000')::numeric AS rate, (c -> 'usage' ->> 'totalTokens')::bigint AS total
                FROM (SELECT convert_from(payload, 'UTF8')::jsonb -> 'charge' AS c FROM domain_event_entry
                      WHERE payload_type LIKE '%.TokensDebitedEvent') debits""");
        assertThat(debits).isNotEmpty().allSatisfy(debit -> assertThat(((Number) debit.get("tokens")).longValue())
                .isEqualTo(((Number) debit.get("fee")).longValue() + new BigDecimal(debit.get("total")
                        .toString()).multiply((BigDecimal) debit.get("rate"))
                        .divide(BigDecimal.valueOf(1000), 0, RoundingMode.CEILING)
                        .longValueExact()));
    }

    @Test
    void ledgerStatementAndReconciliationAreReproducedExactlyAfterAReplay() {
        var tenant = gateway.onboard(200);
        String finance = key(tenant, "finance");
        String intent = "pi_" + System.nanoTime();
        Instant from = Instant.now().minusSeconds(1);
        webhook(paidSession("evt_p_" + intent, "cs_" + intent, intent, tenant.accountId(), "pro", 7999));
        gateway.chat(tenant.key(), chatBody("Hi")).expectStatus().isOk();
        webhook(refund("evt_r_" + intent, intent, 1000));
        webhook(dispute("evt_o_" + intent, "charge.dispute.created", intent, 2000, "needs_response"));
        webhook(dispute("evt_l_" + intent, "charge.dispute.closed", intent, 2000, "lost"));
        String range = "?from=" + from + "&to=" + Instant.now().plusSeconds(60);
        // 10,000 bought for 7,999: 1,250 revoked for the refund, 2,500 for the lost dispute
        assertBalance(tenant.accountId(), 200 + 10_000 - CALL_PRICE - 1_250 - 2_500, 0);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(finance(tenant, finance, range))
                .contains("\"disputeRevokedTokens\":2500", "\"endpoint\":\"chat-messages\""));
        String before = finance(tenant, finance, range);

        jdbc.execute("TRUNCATE account_balance, ledger_entry, call_usage, stripe_payment_view, stripe_dispute_view,"
                + " purchase_credit_view, payment_revocation_view");
        for (String projection : List.of("balance", "usage", "reconciliation")) {
            http.post().uri("/api/admin/projections/" + projection + "/replay")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN).exchange()
                    .expectStatus().isAccepted();
        }

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(finance(tenant, finance, range)).isEqualTo(before));
    }

    private String finance(GatewayTestSupport.Tenant tenant, String finance, String range) {
        String account = "/api/accounts/" + tenant.accountId();
        return gateway.get(account + "/balance", finance, 200).toString()
                + gateway.get(account + "/ledger" + range, finance, 200)
                + gateway.get(account + "/statement" + range, finance, 200)
                + gateway.get("/api/finance/reconciliation" + range, finance, 200);
    }

    @Test
    void fallingBelowTheThresholdSendsOneSignedWebhookRetriedUntilItIsTaken() throws Exception {
        var tenant = gateway.onboard(100);
        STRIPE.stubFor(post(urlEqualTo("/hooks/low")).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed once"));
        STRIPE.stubFor(post(urlEqualTo("/hooks/low")).inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed twice"));
        STRIPE.stubFor(post(urlEqualTo("/hooks/low")).inScenario("flaky").whenScenarioStateIs("failed twice")
                .willReturn(aResponse().withStatus(204)));
        put("/api/accounts/" + tenant.accountId() + "/low-balance-alert", key(tenant, "tenant-admin"),
                Map.of("threshold", 1, "url", "ftp://nowhere"), 400);
        JsonNode alert = put("/api/accounts/" + tenant.accountId() + "/low-balance-alert",
                key(tenant, "tenant-admin"), Map.of("threshold", 95, "url", STRIPE.baseUrl() + "/hooks/low"), 200);
        String secret = alert.get("signingSecret").asText();
        assertThat(secret).startsWith("whsec_");

        for (int i = 0; i < 3; i++) {
            gateway.chat(tenant.key(), chatBody("Hi")).expectStatus().isOk();
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT status FROM webhook_delivery WHERE account_id = ?", String.class, tenant.accountId()))
                .containsExactly("DELIVERED"));
        assertThat(eventsOf(tenant.accountId(), "LowBalanceReachedEvent")).isEqualTo(1);
        assertThat(jdbc.queryForList("""
                SELECT a.status_code FROM webhook_attempt a JOIN webhook_delivery d ON d.event_id = a.event_id
                WHERE d.account_id = ? ORDER BY a.attempt""", Integer.class, tenant.accountId()))
                .containsExactly(500, 503, 204);
        var requests = STRIPE.findAll(postRequestedFor(urlEqualTo("/hooks/low")));
        assertThat(requests).hasSize(3);
        var last = requests.get(2);
        String body = last.getBodyAsString();
        String header = last.getHeader("Sigmacode-Signature");
        String timestamp = header.substring(2, header.indexOf(','));
        assertThat(header).isEqualTo("t=" + timestamp + ",v1=" + hmac(secret, timestamp + "." + body));
        JsonNode payload = read(body.getBytes(StandardCharsets.UTF_8));
        assertThat(payload.get("type").asText()).isEqualTo("account.low_balance");
        assertThat(payload.get("accountId").asText()).isEqualTo(tenant.accountId());
        // checked after the balance changed, so it reports what is left then: after the second or the third call
        assertThat(payload.get("available").asLong()).isBetween(100 - 3 * CALL_PRICE, 100 - 2 * CALL_PRICE);
    }

    @Test
    void aGrantOrPurchaseAnswered2xxIsInTheNextBalanceRead() {
        var tenant = gateway.onboard(0);
        JsonNode granted = gateway.post("/api/accounts/" + tenant.accountId() + "/grants", ADMIN,
                Map.of("tokens", 123, "reason", "read your writes"), 201);
        assertThat(granted.get("visible").asBoolean()).isTrue();
        assertThat(gateway.get("/api/accounts/" + tenant.accountId() + "/balance", ADMIN, 200).get("balance")
                .asLong()).isEqualTo(123);

        String intent = "pi_" + System.nanoTime();
        JsonNode receipt = webhook(paidSession("evt_" + intent, "cs_" + intent, intent, tenant.accountId(),
                "starter", 999));
        assertThat(receipt.get("outcome").asText()).isEqualTo("credited");
        assertThat(receipt.get("visible").asBoolean()).isTrue();
        assertThat(receipt.get("position").asLong()).isPositive();
        assertThat(gateway.get("/api/accounts/" + tenant.accountId() + "/balance", ADMIN, 200).get("balance")
                .asLong()).isEqualTo(1_123);
    }

    private static JsonNode find(JsonNode rows, String field, String value) {
        for (JsonNode row : rows) {
            if (value.equals(row.path(field).asText())) {
                return row;
            }
        }
        throw new AssertionError("no row with " + field + " " + value);
    }

    private static List<String> mismatchKinds(JsonNode report, String reference) {
        List<String> kinds = new ArrayList<>();
        report.get("mismatches").forEach(m -> {
            if (reference.equals(m.get("reference").asText())) {
                kinds.add(m.get("kind").asText());
            }
        });
        return kinds;
    }

    private JsonNode put(String path, String token, Object body, int expectedStatus) {
        return read(http.put().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(expectedStatus)
                .expectBody().returnResult().getResponseBodyContent());
    }

    private String key(GatewayTestSupport.Tenant tenant, String role) {
        return gateway.post("/api/tenants/" + tenant.tenantId() + "/api-keys", ADMIN, Map.of("name", role,
                "appId", tenant.appId(), "roles", List.of(role)), 201).get("key").asText();
    }

    private void assertBalance(String accountId, long balance, long held) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode answer = gateway.get("/api/accounts/" + accountId + "/balance", ADMIN, 200);
            assertThat(answer.get("balance").asLong()).isEqualTo(balance);
            assertThat(answer.get("held").asLong()).isEqualTo(held);
            assertThat(answer.get("reserved").asLong()).isZero();
            assertThat(answer.get("available").asLong()).isEqualTo(balance - held);
        });
    }

    private static <T> List<T> inParallel(List<Callable<T>> work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : threads.invokeAll(work)) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    private JsonNode webhook(String event) {
        byte[] body = http.post().uri("/api/billing/stripe/webhook")
                .header("Stripe-Signature", signature(event, Instant.now()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(event)
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBodyContent();
        return read(body);
    }

    private int deliver(String event, String signature) {
        var request = http.post().uri("/api/billing/stripe/webhook").contentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            request = request.header("Stripe-Signature", signature);
        }
        return request.bodyValue(event).exchange().returnResult(String.class).getStatus().value();
    }

    private static String signature(String payload, Instant at) {
        return signature(payload, at, SECRET);
    }

    private static String signature(String payload, Instant at, String secret) {
        String timestamp = Long.toString(at.getEpochSecond());
        return "t=" + timestamp + ",v1=" + hmac(secret, timestamp + "." + payload);
    }

    private static String hmac(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String paidSession(String eventId, String sessionId, String intent, String accountId,
                                      String packageId, long amount) {
        return """
                {"id":"%s","object":"event","api_version":"%s","created":%d,"type":"checkout.session.completed",
                 "data":{"object":{"id":"%s","object":"checkout.session","mode":"payment","status":"complete",
                  "payment_status":"paid","client_reference_id":"%s","payment_intent":"%s","amount_total":%d,
                  "currency":"eur","metadata":{"accountId":"%s","packageId":"%s","priceBookVersion":"1"}}}}"""
                .formatted(eventId, API_VERSION, Instant.now().getEpochSecond(), sessionId, accountId, intent,
                        amount, accountId, packageId);
    }

    private static String refund(String eventId, String intent, long refunded) {
        return """
                {"id":"%s","object":"event","api_version":"%s","type":"charge.refunded",
                 "data":{"object":{"id":"ch_%s","object":"charge","payment_intent":"%s","amount":999,
                  "amount_refunded":%d,"currency":"eur","refunded":%b}}}"""
                .formatted(eventId, API_VERSION, intent, intent, refunded, refunded == 999);
    }

    private static String dispute(String eventId, String type, String intent, long amount, String status) {
        return """
                {"id":"%s","object":"event","api_version":"%s","type":"%s",
                 "data":{"object":{"id":"dp_%s","object":"dispute","charge":"ch_%s","payment_intent":"%s",
                  "amount":%d,"currency":"eur","status":"%s"}}}"""
                .formatted(eventId, API_VERSION, type, intent, intent, intent, amount, status);
    }

    private long eventsOf(String accountId, String eventType) {
        return jdbc.queryForObject("""
                SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?""",
                Long.class, accountId, "%." + eventType);
    }

    private long sumOf(String accountId, String eventType) {
        return jdbc.queryForObject("""
                SELECT COALESCE(SUM((convert_from(payload, 'UTF8')::jsonb ->> 'tokens')::bigint), 0)
                FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?""",
                Long.class, accountId, "%." + eventType);
    }
}
