package io.sigmacode.gateway.management;

import io.sigmacode.gateway.support.Actor;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every management request an id ({@code X-Request-Id}, the caller's if it sent a sane one) and a slot for
 * the acting caller, so the commands it sends and the events they record name both.
 */
@Component
class RequestActorFilter implements WebFilter, Ordered {

    static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = Actor.class.getName();
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        String sent = exchange.getRequest().getHeaders().getFirst(HEADER);
        Actor actor = new Actor(sent != null && SANE.matcher(sent).matches() ? sent : UUID.randomUUID().toString());
        exchange.getAttributes().put(ATTRIBUTE, actor);
        exchange.getResponse().getHeaders().set(HEADER, actor.requestId());
        return chain.filter(exchange).contextWrite(context -> context.put(Actor.class, actor));
    }

    /** Before authentication and everything else on the management side. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 50;
    }
}
