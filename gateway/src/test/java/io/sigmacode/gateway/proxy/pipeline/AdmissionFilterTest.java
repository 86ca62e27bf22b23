package io.sigmacode.gateway.proxy.pipeline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sigmacode.gateway.config.BillingProperties;
import io.sigmacode.gateway.node.NodeLease;
import io.sigmacode.gateway.security.SecretBox;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.call.CallAdmission;
import io.sigmacode.kernel.call.CallAdmission.Decision;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.tenant.ApiKeyPrincipal;
import io.sigmacode.kernel.tenant.AppMode;
import io.sigmacode.kernel.tenant.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class AdmissionFilterTest {

    private final Bus bus = mock(Bus.class);
    private final SecretBox secrets = mock(SecretBox.class);
    private final NodeLease node = mock(NodeLease.class);
    private final AbandonedCalls settlement = mock(AbandonedCalls.class);
    private final InFlightCalls inFlight = new InFlightCalls();
    private final AtomicBoolean chainCalled = new AtomicBoolean();
    private final WebFilterChain chain = exchange -> Mono.fromRunnable(() -> chainCalled.set(true));
    private final AdmissionFilter filter = new AdmissionFilter(bus, new BillingProperties(4000, 250,
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30)),
            new ProxyMetrics(new SimpleMeterRegistry()), secrets, node, inFlight, settlement);
    private MockServerWebExchange exchange;
    private ProxyCall call;

    @BeforeEach
    void setUp() {
        exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat-messages"));
        call = ProxyCall.start(exchange, "call-1");
        call.route(ProxyRoute.CHAT_MESSAGES, "/chat-messages");
        call.principal(new ApiKeyPrincipal("key-1", "tenant-1", "account-1", "app-1", AppMode.CHAT, "sealed",
                Set.of(Role.DEVELOPER), false, List.of(), null));
        call.request(new ProxyCall.Request(new byte[0], JsonNodeFactory.instance.objectNode(), "hello"));
        call.preCheck(new ProxyCall.PreCheck(null, FirewallCheck.notScanned(Stage.PRE, "test"), null, null));
        when(secrets.open("sealed", SecretBox.appBinding("tenant-1", "app-1"))).thenReturn("app-dify-key");
        when(node.nodeId()).thenReturn("node-1");
        when(settlement.notForwarded(any())).thenReturn(Mono.empty());
    }

    private void admissionAnswers(Mono<CallAdmission> admission) {
        when(bus.send(any())).thenReturn((Mono) admission);
    }

    @Test
    void anAdmittedCallGoesOnWithItsDifyKeyAndIsCarriedInFlight() {
        admissionAnswers(Mono.just(new CallAdmission(Decision.FORWARD, 91, 9)));

        filter.filter(exchange, chain).block();

        assertThat(chainCalled).isTrue();
        assertThat(call.difyKey()).isEqualTo("app-dify-key");
        assertThat(call.wasAdmitted()).isTrue();
        assertThat(inFlight.carries("call-1")).isTrue();
    }

    @Test
    void aCallTheAccountCannotAffordIsRefusedWith402() {
        admissionAnswers(Mono.just(new CallAdmission(Decision.INSUFFICIENT_TOKENS, 3, 9)));

        filter.filter(exchange, chain).block();

        assertThat(chainCalled).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.PAYMENT_REQUIRED);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("insufficient_tokens")
                .contains("this call needs 9");
        assertThat(inFlight.carries("call-1")).isFalse();
    }

    @Test
    void aDifyKeyThatDoesNotOpenIsRefusedBeforeAnythingIsRecorded() {
        when(secrets.open("sealed", SecretBox.appBinding("tenant-1", "app-1")))
                .thenThrow(new IllegalStateException("wrong key"));

        filter.filter(exchange, chain).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("upstream_key_unreadable");
        verifyNoInteractions(bus);
    }

    @Test
    void aClientGoneWhileTheCallIsAdmittedHasItsReservationReleased() {
        Sinks.One<CallAdmission> admission = Sinks.one();
        admissionAnswers(admission.asMono());

        Disposable request = filter.filter(exchange, chain).subscribe();
        request.dispose();
        admission.tryEmitValue(new CallAdmission(Decision.FORWARD, 91, 9));

        verify(settlement).notForwarded(call);
        assertThat(chainCalled).isFalse();
    }

    @Test
    void aClientGoneAfterTheCallWasTakenToDifyChangesNothing() {
        Sinks.One<CallAdmission> admission = Sinks.one();
        admissionAnswers(admission.asMono());

        Disposable request = filter.filter(exchange, chain).subscribe();
        assertThat(call.startForwarding()).isTrue();
        request.dispose();
        admission.tryEmitValue(new CallAdmission(Decision.FORWARD, 91, 9));

        verify(settlement, never()).notForwarded(any());
    }
}
