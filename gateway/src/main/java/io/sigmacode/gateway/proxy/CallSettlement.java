package io.sigmacode.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigmacode.firewall.ScanResult;
import io.sigmacode.command.pricing.PriceBook;
import io.sigmacode.gateway.firewall.ProxyFirewall;
import io.sigmacode.gateway.proxy.DifyUpstream.UpstreamException;
import io.sigmacode.gateway.proxy.DifyUpstream.UpstreamResponse;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.call.ReleaseCallCommand;
import io.sigmacode.kernel.call.SettleCallCommand;
import io.sigmacode.kernel.call.UpstreamResult;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;
import io.sigmacode.kernel.pricing.Charge;
import io.sigmacode.kernel.pricing.Usage;
import io.sigmacode.kernel.pricing.UsageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.io.IOException;
import java.time.Duration;

/**
 * The second half of a call that was admitted: post-check, price, and the settlement or release in the event store,
 * plus the outcome kept for an Idempotency-Key. Shared by whole and streamed answers.
 */
@Component
class CallSettlement {

    private static final Logger log = LoggerFactory.getLogger(CallSettlement.class);
    /** Rough size of an LLM token for estimating usage when Dify reports none. */
    static final int BYTES_PER_TOKEN = 4;

    private final ObjectMapper json = new ObjectMapper();
    private final ProxyFirewall firewall;
    private final PriceBook prices;
    private final Bus bus;
    private final ProxyMetrics metrics;
    private final IdempotencyStore idempotency;

    CallSettlement(ProxyFirewall firewall, PriceBook prices, Bus bus, ProxyMetrics metrics,
                   IdempotencyStore idempotency) {
        this.firewall = firewall;
        this.prices = prices;
        this.bus = bus;
        this.metrics = metrics;
        this.idempotency = idempotency;
    }

    /** A whole answer from Dify: settled when it succeeded, released when Dify refused the call. */
    Mono<ProxyReply> answered(ProxyCall call, UpstreamResponse response) {
        metrics.upstreamLatency(response.latencyMillis());
        return response.successful()
                ? Mono.defer(() -> settle(call, response)).subscribeOn(ProxyFirewall.schedulerFor(response.body().length))
                : release(call, response);
    }

    private Mono<ProxyReply> settle(ProxyCall call, UpstreamResponse response) {
        JsonNode body = parse(response.body());
        Usage reported = usage(body.path("metadata").path("usage"));
        Usage usage = reported != null ? reported : estimate(call, 0);
        String answer = body.path("answer").asText("");
        ScanResult scan = firewall.scan(call.policy(), Stage.POST, answer);
        FirewallCheck postCheck = firewall.record(call.policy(), Stage.POST, scan);
        boolean withheld = postCheck.verdict() == Verdict.BLOCK;
        int clientStatus = withheld ? HttpStatus.FORBIDDEN.value() : response.status();
        Charge charge = prices.charge(call.route().endpoint(), usage,
                reported != null ? UsageSource.REPORTED : UsageSource.ESTIMATED);
        var result = new UpstreamResult(response.status(), response.latencyMillis(), response.latencyMillis());
        ProxyReply reply = withheld
                ? ProxyReply.error(HttpStatus.FORBIDDEN, "firewall_blocked",
                "The answer was withheld by the firewall (call " + call.callId() + ").")
                : answerFor(call, response, body, scan);
        return record(new SettleCallCommand(call.principal().accountId(), call.callId(), postCheck, charge, result,
                clientStatus), reply)
                .doOnSuccess(r -> {
                    metrics.outcome(withheld ? "answer_blocked" : "completed");
                    metrics.debited(charge.tokens());
                });
    }

    /**
     * Dify's bytes unchanged, unless the post-check redacted the answer or masked data have to be put back: only
     * then is the body re-serialised, with the answer changed and everything else as Dify sent it.
     */
    private ProxyReply answerFor(ProxyCall call, UpstreamResponse response, JsonNode body, ScanResult scan) {
        boolean redact = scan.verdict() == Verdict.REDACT && scan.redactedText() != null;
        if (!(body instanceof ObjectNode object) || (!redact && call.maskedPrompt().isEmpty())) {
            return ProxyReply.passThrough(response);
        }
        String answer = redact ? scan.redactedText() : object.path("answer").asText("");
        String restored = call.maskedPrompt().map(masked -> masked.restore(answer)).orElse(answer);
        object.put("answer", restored);
        try {
            return new ProxyReply(response.status(), MediaType.APPLICATION_JSON, json.writeValueAsBytes(object));
        } catch (IOException e) {
            throw new IllegalStateException("a parsed answer always serialises", e);
        }
    }

    private Mono<ProxyReply> release(ProxyCall call, UpstreamResponse response) {
        JsonNode body = parse(response.body());
        var result = new UpstreamResult(response.status(), response.latencyMillis(), response.latencyMillis());
        metrics.outcome("upstream_error");
        return record(new ReleaseCallCommand(call.principal().accountId(), call.callId(), result, response.status(),
                body.path("code").asText("upstream_error"), body.path("message").asText("")),
                ProxyReply.passThrough(response));
    }

    /**
     * Dify never answered. Unreachable means the call never ran, so nothing is charged; a timeout means it may
     * have run, so the flat fee and the estimated prompt are charged, marked as estimated.
     */
    Mono<ProxyReply> unanswered(ProxyCall call, UpstreamException e) {
        String account = call.principal().accountId();
        var result = new UpstreamResult(0, e.latencyMillis(), 0);
        if (!e.timeout()) {
            metrics.outcome("upstream_unavailable");
            return record(new ReleaseCallCommand(account, call.callId(), result, 502, "upstream_unavailable",
                    "Dify could not be reached."), ProxyReply.error(HttpStatus.BAD_GATEWAY, "upstream_unavailable",
                    "Dify could not be reached."));
        }
        metrics.outcome("upstream_timeout");
        Charge charge = prices.charge(call.route().endpoint(), estimate(call, 0), UsageSource.ESTIMATED);
        return record(new SettleCallCommand(account, call.callId(), FirewallCheck.notScanned(Stage.POST, "no_answer"),
                charge, result, 504),
                ProxyReply.error(HttpStatus.GATEWAY_TIMEOUT, "upstream_timeout", "Dify did not answer in time."));
    }

    /**
     * Keeps the outcome for retries with the same Idempotency-Key. Dify unreachable cost nothing, so that key is given
     * back and a retry runs again.
     */
    Mono<ProxyReply> remember(ProxyCall call, ProxyReply reply) {
        String key = call.idempotencyKey();
        if (key == null) {
            return Mono.just(reply);
        }
        String tenantId = call.principal().tenantId();
        Mono<Void> stored = reply.status() == HttpStatus.BAD_GATEWAY.value()
                ? idempotency.release(tenantId, key, call.callId())
                : idempotency.complete(tenantId, key, call.callId(), reply.status(), reply.contentType().toString(),
                reply.body());
        return stored.thenReturn(reply).onErrorResume(e -> {
            log.error("could not keep the outcome of call {} for its Idempotency-Key", call.callId(), e);
            return Mono.just(reply);
        });
    }

    /**
     * The second transaction, retried on a passing failure. If it still fails the client gets its answer anyway and
     * the reservation stays open, for recovery to settle; the error is logged with the call id.
     */
    Mono<ProxyReply> record(Object command, ProxyReply reply) {
        return bus.send(command)
                .retryWhen(Retry.backoff(3, Duration.ofMillis(50)))
                .thenReturn(reply)
                .onErrorResume(e -> {
                    log.error("could not record the outcome of a call: {}", command, e);
                    return Mono.just(reply);
                });
    }

    static Usage estimate(ProxyCall call, long answerChars) {
        long prompt = (call.promptText().length() + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN;
        long completion = (answerChars + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN;
        return new Usage(prompt, completion, prompt + completion);
    }

    static Usage usage(JsonNode usage) {
        if (!usage.isObject() || !usage.has("total_tokens")) {
            return null;
        }
        return new Usage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0),
                usage.path("total_tokens").asLong(0));
    }

    private JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
