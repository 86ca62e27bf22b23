package io.sigmacode.gateway.proxy.pipeline;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class CallIdFilterTest {

    private final CallIdFilter filter = new CallIdFilter();
    private final FilterHarness harness = new FilterHarness();

    @Test
    void everyDifyCallIsNamedBeforeAnythingCanFail() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/v1/nowhere"));

        filter.filter(exchange, harness.chain).block();

        String callId = exchange.getResponse().getHeaders().getFirst(CallIdFilter.HEADER);
        assertThat(callId).isNotBlank();
        assertThat(ProxyCall.of(exchange).callId()).isEqualTo(callId);
    }

    @Test
    void theManagementApiIsNotACall() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/tenants"));

        filter.filter(exchange, harness.chain).block();

        assertThat(exchange.getResponse().getHeaders().getFirst(CallIdFilter.HEADER)).isNull();
        assertThat(harness.passedOn.get()).isSameAs(exchange);
    }
}
