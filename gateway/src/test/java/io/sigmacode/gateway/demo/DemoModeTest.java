package io.sigmacode.gateway.demo;

import io.sigmacode.gateway.GatewayApplication;
import io.sigmacode.standin.DifyStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code SIGMACODE_DEMO=true}: the gateway runs with nothing else, and the printed curl works as printed. */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sigmacode.demo=true", "sigmacode.data-dir=${java.io.tmpdir}/sigmacode-demo-test-${random.uuid}",
                "sigmacode.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "sigmacode.admin-token=demo-test-admin-token-0123456789abcdef", "server.shutdown=immediate"})
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class DemoModeTest {

    @Autowired
    WebTestClient http;
    @Autowired
    DemoOnboarding onboarding;
    @Autowired
    DifyStandIn dify;
    @Autowired
    Environment environment;

    @Test
    void theGatewayCallsItsOwnStandInAndTheDemoKeyWorks(CapturedOutput output) {
        assertThat(environment.getProperty("sigmacode.dify.base-url")).isEqualTo(dify.baseUrl());
        var demo = onboarding.tenant();
        assertThat(demo).isNotNull();

        byte[] body = http.post().uri("/v1/chat-messages")
                .header("Authorization", "Bearer " + demo.key())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"inputs\":{},\"query\":\"What can you do?\",\"response_mode\":\"blocking\","
                        + "\"user\":\"demo\"}")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().exists("X-Sigmacode-Call-Id")
                .expectBody().returnResult().getResponseBody();
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("\"answer\"").contains("stand-in");

        // The balance projection follows the event store asynchronously.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> http.get()
                .uri("/api/accounts/" + demo.accountId() + "/balance")
                .header("Authorization", "Bearer demo-test-admin-token-0123456789abcdef")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.balance").value(balance ->
                        assertThat(((Number) balance).longValue()).isLessThan(DemoOnboarding.FREE_TOKENS)));

        String port = environment.getProperty("local.server.port");
        assertThat(output.getOut()).contains("SIGMACODE_DEMO")
                .contains("curl -s -XPOST http://localhost:" + port + "/v1/chat-messages -H 'Authorization: Bearer "
                        + demo.key() + "'");
    }
}
