package io.sigmacode.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sigmacode.gateway.firewall.ProxyFirewall;
import io.sigmacode.gateway.proxy.pipeline.ProxyCall;
import io.sigmacode.gateway.proxy.pipeline.ProxyRefusal;
import io.sigmacode.gateway.proxy.pipeline.ProxyReply;
import io.sigmacode.gateway.proxy.streaming.AnswerGuard;
import io.sigmacode.gateway.proxy.streaming.ServedBackTexts;
import io.sigmacode.gateway.proxy.upstream.DifyUpstream.UpstreamResponse;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.util.List;

/**
 * Post-checks model text that Dify serves back after the call that produced it ({@link ServedBackTexts}): a finding
 * is redacted or the body withheld (403 {@code firewall_blocked}) exactly as in a fresh answer, under the tenant's
 * policy in force now. Dify's bytes pass unchanged when nothing was found.
 */
@Component
class ServedBackCheck {

    /** The answer the client gets and the verdict to record with the call. */
    record Checked(ProxyReply reply, FirewallCheck postCheck) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final ProxyFirewall firewall;

    ServedBackCheck(ProxyFirewall firewall) {
        this.firewall = firewall;
    }

    /** Whether a successful answer on the call's route carries model text to check. */
    boolean applies(ProxyCall call, MediaType contentType) {
        return !ServedBackTexts.of(call.route()).isEmpty() && contentType != null
                && MediaType.APPLICATION_JSON.isCompatibleWith(contentType);
    }

    /** A policy that cannot be loaded withholds the body: the firewall fails closed. */
    Mono<Checked> check(ProxyCall call, UpstreamResponse response) {
        return firewall.policy(call.principal().tenantId())
                .flatMap(policy -> Mono.fromCallable(() -> scan(call, policy, response))
                        .subscribeOn(ProxyFirewall.schedulerFor(response.body().length)))
                .onErrorResume(e -> Mono.just(new Checked(ProxyRefusal.POLICY_UNAVAILABLE.reply(),
                        FirewallCheck.notScanned(Stage.POST, "policy_unavailable"))));
    }

    private Checked scan(ProxyCall call, ProxyFirewall.PolicyInForce policy, UpstreamResponse response) {
        JsonNode body = parse(response.body());
        List<String[]> paths = ServedBackTexts.of(call.route());
        var guard = new AnswerGuard(firewall, policy, firewall.canaries(call.principal().canaries()));
        JsonNode checked = body.deepCopy();
        boolean withheld = !ServedBackTexts.check(checked, paths, guard::checkWhole);
        FirewallCheck postCheck = new FirewallCheck(Stage.POST, guard.verdict(), guard.findings(), policy.version(),
                guard.scanMicros(), guard.reason());
        if (withheld || postCheck.verdict() == Verdict.BLOCK) {
            return new Checked(ProxyRefusal.ANSWER_BLOCKED.reply(call.callId()), postCheck);
        }
        ProxyReply reply = checked.equals(body)
                ? ProxyReply.of(response.status(), response.headers().getContentType(), response.body())
                : ProxyReply.of(response.status(), MediaType.APPLICATION_JSON, serialise(checked));
        return new Checked(reply, postCheck);
    }

    private byte[] serialise(JsonNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a parsed answer always serialises", e);
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
