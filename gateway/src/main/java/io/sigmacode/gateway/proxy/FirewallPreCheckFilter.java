package io.sigmacode.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sigmacode.firewall.MaskedPrompt;
import io.sigmacode.firewall.ScanResult;
import io.sigmacode.gateway.firewall.ProxyFirewall;
import io.sigmacode.gateway.firewall.ProxyFirewall.PolicyInForce;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Scans what goes to the model under the tenant's policy in force. It decides and, for a REDACT verdict, rewrites
 * the request (typed placeholders, or mask-and-restore on the query); the verdict is recorded with the reservation
 * by {@link AdmissionFilter}, which also refuses a blocked prompt.
 */
@Component
class FirewallPreCheckFilter implements WebFilter, Ordered {

    private final ObjectMapper json = new ObjectMapper();
    private final ProxyFirewall firewall;

    FirewallPreCheckFilter(ProxyFirewall firewall) {
        this.firewall = firewall;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!ProxyPaths.isProxied(exchange)) {
            return chain.filter(exchange);
        }
        ProxyCall call = ProxyCall.of(exchange);
        return firewall.policy(call.principal().tenantId())
                .map(Optional::of)
                .onErrorReturn(Optional.empty())
                .flatMap(policy -> {
                    if (policy.isEmpty()) {
                        return DifyErrors.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                                "The gateway could not load the firewall policy. Please try again.");
                    }
                    return Mono.fromRunnable(() -> check(call, policy.get()))
                            .subscribeOn(ProxyFirewall.schedulerFor(call.promptText().length()))
                            .then(chain.filter(exchange));
                });
    }

    private void check(ProxyCall call, PolicyInForce policy) {
        ScanResult result = firewall.scan(policy, Stage.PRE, call.promptText());
        call.policy(policy);
        call.preCheck(firewall.record(policy, Stage.PRE, result));
        if (result.verdict() == Verdict.REDACT) {
            rewrite(call, policy);
        }
    }

    /**
     * Redacts field by field so that the request keeps its shape. With mask-and-restore the query's personal data
     * become placeholders that the answer gets back; the inputs are redacted for good.
     */
    private void rewrite(ProxyCall call, PolicyInForce policy) {
        ObjectNode body = call.json();
        // A completion's query is optional and a workflow has none: its inputs are the whole prompt.
        if (body.get("query") != null && body.get("query").isTextual()) {
            String query = body.get("query").asText();
            if (policy.document().maskAndRestore() && !call.route().answersWithOutputs()) {
                MaskedPrompt masked = firewall.engine().mask(policy.compiled(), query);
                body.put("query", masked.maskedText());
                call.maskedPrompt(masked);
            } else {
                body.put("query", redacted(policy, query));
            }
        }
        JsonNode inputs = body.get("inputs");
        if (inputs instanceof ObjectNode fields) {
            for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(redacted(policy, field.getValue().asText())));
                }
            }
        }
        try {
            call.request(json.writeValueAsBytes(body), body, call.promptText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed request always serialises", e);
        }
    }

    private String redacted(PolicyInForce policy, String text) {
        ScanResult field = firewall.scan(policy, Stage.PRE, text);
        return field.verdict() == Verdict.REDACT && field.redactedText() != null ? field.redactedText() : text;
    }

    @Override
    public int getOrder() {
        return ProxyFilterOrder.FIREWALL_PRE_CHECK;
    }
}
