package io.sigmacode.gateway.proxy.pipeline;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class RouteFilterTest {

    private final RouteFilter filter = new RouteFilter();
    private final AtomicBoolean chainCalled = new AtomicBoolean();
    private final WebFilterChain chain = exchange -> Mono.fromRunnable(() -> chainCalled.set(true));

    @BeforeEach
    void reset() {
        chainCalled.set(false);
    }

    private MockServerWebExchange run(MockServerHttpRequest request) {
        var exchange = MockServerWebExchange.from(request);
        ProxyCall.start(exchange, "call-1");
        filter.filter(exchange, chain).block();
        return exchange;
    }

    @Test
    void eachGenerationRouteIsMeteredUnderItsOwnName() {
        assertThat(ProxyCall.of(run(MockServerHttpRequest.post("/v1/chat-messages").build())).route())
                .isEqualTo(ProxyRoute.CHAT_MESSAGES);
        assertThat(ProxyCall.of(run(MockServerHttpRequest.post("/v1/completion-messages").build())).route())
                .isEqualTo(ProxyRoute.COMPLETION_MESSAGES);
        assertThat(ProxyCall.of(run(MockServerHttpRequest.post("/v1/workflows/run/").build())).route())
                .isEqualTo(ProxyRoute.WORKFLOWS_RUN);
        assertThat(chainCalled).isTrue();
    }

    @Test
    void everyOtherEndpointOfTheReferenceIsServedAndGoesToDifyUnderItsOwnPathAndQuery() {
        var call = ProxyCall.of(run(MockServerHttpRequest.get("/v1/messages?conversation_id=c-1&user=u-1")
                .build()));
        assertThat(call.route()).isEqualTo(ProxyRoute.MESSAGES);
        assertThat(call.route().free()).isTrue();
        assertThat(call.upstreamPath()).isEqualTo("/messages?conversation_id=c-1&user=u-1");
        assertThat(ProxyCall.of(run(MockServerHttpRequest.post("/v1/workflows/tasks/t-1/stop").build())).route())
                .isEqualTo(ProxyRoute.WORKFLOW_STOP);
        assertThat(ProxyCall.of(run(MockServerHttpRequest.delete("/v1/conversations/c-1").build())).route())
                .isEqualTo(ProxyRoute.CONVERSATION_DELETE);
        assertThat(ProxyCall.of(run(MockServerHttpRequest.post("/v1/files/upload").build())).route().kind())
                .isEqualTo(ProxyRoute.Kind.TRANSFER);
        assertThat(ProxyCall.of(run(MockServerHttpRequest.post("/v1/workflows/wf-2/run").build())).upstreamPath())
                .isEqualTo("/workflows/wf-2/run");
    }

    @Test
    void aPathTheReferenceDoesNotListIsRefusedBeforeAnythingElse() {
        for (var request : new MockServerHttpRequest[] {MockServerHttpRequest.get("/v1/workflows/run").build(),
                MockServerHttpRequest.post("/v1/datasets/d-1/documents").build(),
                MockServerHttpRequest.patch("/v1/conversations/c-1").build(),
                MockServerHttpRequest.get("/v1/messages//suggested").build()}) {
            var exchange = run(request);
            assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"code\":\"not_found\"");
            assertThat(ProxyCall.of(exchange).route()).isNull();
        }
        assertThat(chainCalled).isFalse();
    }

    @Test
    void pathsOutsideTheProxyAreNotItsBusiness() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/tenants/x").build());
        filter.filter(exchange, chain).block();
        assertThat(chainCalled).isTrue();
        assertThat(exchange.getResponse().getStatusCode()).isNull();
    }
}
