package io.sigmacode.gateway.management;

import io.sigmacode.gateway.support.Actor;
import io.sigmacode.gateway.support.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Spring Security for the management surface only: {@code /api}, the actuator and the OpenAPI document. The proxy
 * ({@code /v1}) matches no chain here, so it keeps its own key filter and Dify's error envelope untouched. Stateless:
 * every request brings its bearer token; nothing is kept in a session. Each refusal is an RFC 9457 problem.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class ManagementSecurityConfig {

    static final ServerWebExchangeMatcher MANAGEMENT = ServerWebExchangeMatchers.pathMatchers(
            "/api", "/api/**", "/actuator", "/actuator/**", "/v3/api-docs", "/v3/api-docs/**");

    private static final String CHALLENGE = "Bearer realm=\"management\"";

    @Bean
    SecurityWebFilterChain managementSecurity(ServerHttpSecurity http, ManagementAccess access,
                                              ReactiveAuthenticationManager managementAuthentication) {
        AuthenticationWebFilter bearer = new AuthenticationWebFilter(managementAuthentication);
        bearer.setServerAuthenticationConverter(ManagementSecurityConfig::presentedToken);
        bearer.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        // An open path ignores any Authorization header: a stale token must not turn a health probe into a 401.
        bearer.setRequiresAuthenticationMatcher(new NegatedServerWebExchangeMatcher(
                ServerWebExchangeMatchers.pathMatchers(ManagementAuthorization.OPEN.toArray(String[]::new))));
        bearer.setAuthenticationFailureHandler((filterExchange, e) ->
                unauthorized(filterExchange.getExchange(), e.getMessage(), true));
        bearer.setAuthenticationSuccessHandler((filterExchange, authentication) -> {
            Actor actor = filterExchange.getExchange().getAttribute(RequestActorFilter.ATTRIBUTE);
            if (actor != null) {
                actor.authenticated(((CallerAuthentication) authentication).caller().actor());
            }
            return filterExchange.getChain().filter(filterExchange.getExchange());
        });
        ManagementAuthorization authorization = new ManagementAuthorization(access);
        return http.securityMatcher(MANAGEMENT)
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(authorization::apply)
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, e) -> unauthorized(exchange, access.adminTokenSet()
                                ? "Send Authorization: Bearer <admin token or gateway key>."
                                : "Management is disabled until SIGMACODE_ADMIN_TOKEN is set; send a valid key.",
                                false))
                        .accessDeniedHandler((exchange, e) ->
                                Problems.write(exchange, HttpStatus.FORBIDDEN,
                                        ManagementAccess.forbidden().getReason())))
                .build();
    }

    /**
     * Also keeps Spring Boot from creating its default user with a generated password, which it would log.
     * A directory that cannot be read is a 503, not a 401: the key may well be valid.
     */
    @Bean
    ReactiveAuthenticationManager managementAuthentication(ManagementAccess access) {
        return authentication -> {
            String token = ((PresentedToken) authentication).token;
            if (token == null) {
                return Mono.error(new BadCredentialsException("Authorization must use the Bearer scheme."));
            }
            return access.resolve(token)
                    .<org.springframework.security.core.Authentication>map(CallerAuthentication::new)
                    .switchIfEmpty(Mono.error(() -> new BadCredentialsException(access.adminTokenSet()
                            ? "The token is neither the admin token nor a valid key (unknown, revoked or expired)."
                            : "Management is disabled until SIGMACODE_ADMIN_TOKEN is set, and this is no valid key.")))
                    .onErrorMap(e -> !(e instanceof AuthenticationException), e -> new ResponseStatusException(
                            HttpStatus.SERVICE_UNAVAILABLE, "The gateway could not check the token; try again.", e));
        };
    }

    /** Empty without an Authorization header (then the entry point answers 401); a null token for another scheme. */
    private static Mono<org.springframework.security.core.Authentication> presentedToken(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Mono.empty();
        }
        boolean bearer = header.regionMatches(true, 0, "Bearer ", 0, 7);
        return Mono.just(new PresentedToken(bearer ? header.substring(7).strip() : null));
    }

    private static Mono<Void> unauthorized(ServerWebExchange exchange, String detail, boolean invalidToken) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                invalidToken ? CHALLENGE + ", error=\"invalid_token\"" : CHALLENGE);
        return Problems.write(exchange, HttpStatus.UNAUTHORIZED, detail);
    }

    /** The bearer token as presented, before it is checked; never logged or kept. */
    private static final class PresentedToken extends AbstractAuthenticationToken {

        private final transient String token;

        PresentedToken(String token) {
            super(List.of());
            this.token = token;
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return "";
        }
    }
}
