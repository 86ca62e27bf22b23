package io.sigmacode.gateway.proxy.pipeline;

import io.sigmacode.gateway.security.ApiKeys;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import reactor.core.publisher.Mono;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class AuthenticationFilterTest {

    private final KeyDirectory keys = mock(KeyDirectory.class);
    private final AuthenticationFilter filter = new AuthenticationFilter(keys);
    private final FilterHarness harness = new FilterHarness();

    private static MockServerHttpRequest withAuthorization(String header) {
        var request = MockServerHttpRequest.get("/v1/parameters");
        return header == null ? request.build() : request.header(HttpHeaders.AUTHORIZATION, header).build();
    }

    @Test
    void aKnownDeveloperKeyNamesTheCallsPrincipal() {
        when(keys.find(ApiKeys.hash("sk-good"))).thenReturn(Mono.just(Optional.of(FilterHarness.DEVELOPER)));
        var exchange = FilterHarness.routed(withAuthorization("bearer  sk-good"), ProxyRoute.PARAMETERS);

        filter.filter(exchange, harness.chain).block();

        assertThat(harness.passedOn.get()).isNotNull();
        assertThat(ProxyCall.of(exchange).principal()).isEqualTo(FilterHarness.DEVELOPER);
    }

    @Test
    void aMissingOrForeignSchemeIsAnsweredWithDifysOwn401() throws Exception {
        var missing = FilterHarness.routed(withAuthorization(null), ProxyRoute.PARAMETERS);
        filter.filter(missing, harness.chain).block();
        assertThat(missing.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(missing.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .isEqualTo("Bearer realm=\"api\"");
        assertThat(FilterHarness.envelope(missing).get("message").asText())
                .isEqualTo("Authorization header must be provided and start with 'Bearer'");

        var basic = FilterHarness.routed(withAuthorization("Basic abc"), ProxyRoute.PARAMETERS);
        filter.filter(basic, harness.chain).block();
        assertThat(FilterHarness.envelope(basic).get("message").asText())
                .isEqualTo("Authorization scheme must be 'Bearer'");
        assertThat(harness.passedOn.get()).isNull();
    }

    @Test
    void anUnknownKeyIs401AndADirectoryThatDidNotAnswerIs503() throws Exception {
        when(keys.find(anyString())).thenReturn(Mono.just(Optional.empty()));
        var unknown = FilterHarness.routed(withAuthorization("Bearer sk-who"), ProxyRoute.PARAMETERS);
        filter.filter(unknown, harness.chain).block();
        assertThat(FilterHarness.envelope(unknown).get("message").asText()).isEqualTo("Access token is invalid");

        when(keys.find(anyString())).thenReturn(Mono.error(new IllegalStateException("database down")));
        var failed = FilterHarness.routed(withAuthorization("Bearer sk-who"), ProxyRoute.PARAMETERS);
        filter.filter(failed, harness.chain).block();
        assertThat(failed.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(harness.passedOn.get()).isNull();
    }
}
