package io.sigmacode.gateway.proxy.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sigmacode.firewall.MaskedPrompt;
import io.sigmacode.firewall.ScanResult;
import io.sigmacode.gateway.firewall.ProxyFirewall;
import io.sigmacode.gateway.firewall.ProxyFirewall.PolicyInForce;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
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
class FirewallPreCheckFilter extends ProxyFilter {

    private final ObjectMapper json = new ObjectMapper();
    private final ProxyFirewall firewall;

    FirewallPreCheckFilter(ProxyFirewall firewall) {
        super(ProxyFilterOrder.FIREWALL_PRE_CHECK);
        this.firewall = firewall;
    }

    @Override
    boolean appliesTo(ProxyRoute route) {
        return route.readsPrompt();
    }

    @Override
    Mono<Void> filter(ProxyCall call, ServerWebExchange exchange, WebFilterChain chain) {
        return firewall.policy(call.principal().tenantId())
                .map(Optional::of)
                .onErrorReturn(Optional.empty())
                .flatMap(policy -> {
                    if (policy.isEmpty()) {
                        return ProxyRefusal.POLICY_UNAVAILABLE.write(exchange);
                    }
                    return Mono.fromRunnable(() -> call.preCheck(check(call, policy.get())))
                            .subscribeOn(ProxyFirewall.schedulerFor(call.promptText().length()))
                            .then(chain.filter(exchange));
                });
    }

    private ProxyCall.PreCheck check(ProxyCall call, PolicyInForce policy) {
        ScanResult result = firewall.scan(policy, Stage.PRE, call.promptText());
        var check = firewall.record(policy, Stage.PRE, result);
        if (result.verdict() != Verdict.REDACT) {
            return new ProxyCall.PreCheck(policy, check, null, null);
        }
        return rewrite(call, policy, check);
    }

    /**
     * Redacts field by field so that the request keeps its shape. With mask-and-restore the query's personal data
     * become placeholders that the answer gets back; the inputs are redacted for good.
     */
    private ProxyCall.PreCheck rewrite(ProxyCall call, PolicyInForce policy,
                                       FirewallCheck check) {
        ObjectNode body = call.json().deepCopy();
        MaskedPrompt masked = null;
        // A completion's query is optional and a workflow has none: its inputs are the whole prompt.
        if (call.route() != ProxyRoute.TEXT_TO_AUDIO && body.get("query") != null && body.get("query").isTextual()) {
            String query = body.get("query").asText();
            if (policy.document().maskAndRestore() && !call.route().answersWithOutputs()) {
                masked = firewall.engine().mask(policy.compiled(), query);
                body.put("query", masked.maskedText());
            } else {
                body.put("query", redacted(policy, query));
            }
        }
        if (call.route() == ProxyRoute.TEXT_TO_AUDIO && body.path("text").isTextual()) {
            body.put("text", redacted(policy, body.get("text").asText()));
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
            return new ProxyCall.PreCheck(policy, check, masked, json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed request always serialises", e);
        }
    }

    private String redacted(PolicyInForce policy, String text) {
        ScanResult field = firewall.scan(policy, Stage.PRE, text);
        return field.verdict() == Verdict.REDACT && field.redactedText() != null ? field.redactedText() : text;
    }
}
