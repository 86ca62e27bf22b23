package io.sigmacode.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigmacode.firewall.ScanResult;
import io.sigmacode.gateway.firewall.ProxyFirewall;
import io.sigmacode.gateway.proxy.DifyUpstream.UpstreamException;
import io.sigmacode.gateway.proxy.DifyUpstream.UpstreamResponse;
import io.sigmacode.gateway.proxy.streaming.AnswerGuard;
import io.sigmacode.gateway.proxy.streaming.WorkflowOutputs;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.gateway.support.Causes;
import io.sigmacode.kernel.call.CallOutcome;
import io.sigmacode.kernel.call.ReleaseCallCommand;
import io.sigmacode.kernel.call.SettleCallCommand;
import io.sigmacode.kernel.call.UpstreamResult;
import io.sigmacode.kernel.error.CommandRefusedException;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;
import io.sigmacode.kernel.pricing.Charge;
import io.sigmacode.kernel.pricing.Usage;
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
 * The one settler of admitted calls, blocking, streamed and cut alike: it turns what Dify did into a
 * {@link CallOutcome} for the account to price, or releases the reservation when Dify never had the call, and keeps
 * the outcome for an Idempotency-Key. Which faults are charged is written down in docs/decisions.md.
 */
@Component
public class CallSettlement {

    private static final Logger log = LoggerFactory.getLogger(CallSettlement.class);
    /** Rough size of an LLM token for estimating usage when Dify reports none. */
    static final int BYTES_PER_TOKEN = 4;

    private final ObjectMapper json = new ObjectMapper();
    private final ProxyFirewall firewall;
    private final Bus bus;
    private final ProxyMetrics metrics;
    private final IdempotencyStore idempotency;
    private final InFlightCalls inFlight;

    CallSettlement(ProxyFirewall firewall, Bus bus, ProxyMetrics metrics, IdempotencyStore idempotency,
                   InFlightCalls inFlight) {
        this.firewall = firewall;
        this.bus = bus;
        this.metrics = metrics;
        this.idempotency = idempotency;
        this.inFlight = inFlight;
    }

    /** A whole answer from Dify: settled when it succeeded; an error is charged only if Dify may have run it. */
    public Mono<ProxyReply> answered(ProxyCall call, UpstreamResponse response) {
        metrics.upstreamLatency(response.latencyMillis());
        return response.successful()
                ? Mono.defer(() -> settle(call, response))
                        .subscribeOn(ProxyFirewall.schedulerFor(response.body().length))
                : failed(call, response);
    }

    private Mono<ProxyReply> settle(ProxyCall call, UpstreamResponse response) {
        JsonNode body = parse(response.body());
        if (call.route().answersWithOutputs()) {
            return settleWorkflow(call, response, body);
        }
        String answer = body.path("answer").asText("");
        ScanResult scan = firewall.scan(call.policy(), Stage.POST, answer,
                firewall.canaries(call.principal().canaries()));
        FirewallCheck postCheck = firewall.record(call.policy(), Stage.POST, scan);
        boolean withheld = postCheck.verdict() == Verdict.BLOCK;
        int clientStatus = withheld ? HttpStatus.FORBIDDEN.value() : response.status();
        var result = new UpstreamResult(response.status(), response.latencyMillis(), response.latencyMillis());
        ProxyReply reply = withheld
                ? ProxyReply.error(HttpStatus.FORBIDDEN, "firewall_blocked",
                "The answer was withheld by the firewall (call " + call.callId() + ").")
                : answerFor(call, response, body, scan);
        metrics.outcome(withheld ? "answer_blocked" : "completed");
        return settle(call, CallOutcome.completed(postCheck, usage(body.path("metadata").path("usage")),
                estimate(call, answer.length()), result, clientStatus), reply);
    }

    /**
     * A blocking workflow run answers with {@code data.outputs}: every text in it is post-checked, and the usage is
     * {@code data.total_tokens} (Dify splits it no further for workflows). A failed run is still HTTP 200 from Dify
     * and billed as run: its nodes may have called models.
     */
    private Mono<ProxyReply> settleWorkflow(ProxyCall call, UpstreamResponse response, JsonNode body) {
        var guard = new AnswerGuard(firewall, call.policy(), firewall.canaries(call.principal().canaries()));
        JsonNode outputs = body.path("data").path("outputs");
        long outputChars = WorkflowOutputs.textLength(outputs);
        JsonNode checked = body.deepCopy();
        boolean withheld = !WorkflowOutputs.check(checked.path("data").path("outputs"), guard::checkWhole);
        FirewallCheck postCheck = new FirewallCheck(Stage.POST, guard.verdict(), guard.findings(),
                call.policy().version(), guard.scanMicros(), guard.reason());
        var result = new UpstreamResult(response.status(), response.latencyMillis(), response.latencyMillis());
        ProxyReply reply = withheld
                ? ProxyReply.error(HttpStatus.FORBIDDEN, "firewall_blocked",
                "The answer was withheld by the firewall (call " + call.callId() + ").")
                : checked.equals(body) ? ProxyReply.passThrough(response)
                : new ProxyReply(response.status(), MediaType.APPLICATION_JSON, serialise(checked));
        metrics.outcome(withheld ? "answer_blocked" : "completed");
        return settle(call, CallOutcome.completed(postCheck, workflowUsage(body.path("data")),
                estimate(call, outputChars), result, withheld ? HttpStatus.FORBIDDEN.value() : response.status()),
                reply);
    }

    /** A workflow's usage: its total only, or null when Dify reported none. */
    public static Usage workflowUsage(JsonNode data) {
        return data.path("total_tokens").canConvertToLong() && data.path("total_tokens").isNumber()
                ? new Usage(0, 0, data.path("total_tokens").asLong()) : null;
    }

    private byte[] serialise(JsonNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a parsed answer always serialises", e);
        }
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

    /**
     * Dify's own error reaches the client unchanged, except its 401: the gateway key was fine, it is the app's Dify
     * key that Dify refused, and a 401 would send the caller looking at their own key. An error without Dify's
     * envelope (an edge proxy's page) is put into it, so Dify clients can read it. The account is charged the
     * prompt's estimate if Dify had the call.
     */
    private Mono<ProxyReply> failed(ProxyCall call, UpstreamResponse response) {
        JsonNode body = parse(response.body());
        var result = new UpstreamResult(response.status(), response.latencyMillis(), response.latencyMillis());
        if (response.status() == HttpStatus.UNAUTHORIZED.value()) {
            metrics.outcome("upstream_key_refused");
            return release(call, result, HttpStatus.BAD_GATEWAY.value(), UpstreamFaults.KEY_REFUSED,
                    UpstreamFaults.KEY_REFUSED_MESSAGE, ProxyReply.error(HttpStatus.BAD_GATEWAY,
                            UpstreamFaults.KEY_REFUSED, UpstreamFaults.KEY_REFUSED_MESSAGE));
        }
        ProxyReply reply = UpstreamFaults.difyEnvelope(body) ? ProxyReply.passThrough(response)
                : UpstreamFaults.foreignError(response.status());
        String code = body.path("code").asText(UpstreamFaults.codeFor(response.status()));
        String message = body.path("message").asText("");
        if (!UpstreamFaults.receivedByDify(response.status(), body)) {
            metrics.outcome("upstream_refused");
            return release(call, result, response.status(), code, message, reply);
        }
        metrics.outcome("upstream_error");
        return settle(call, CallOutcome.failed(FirewallCheck.notScanned(Stage.POST, "upstream_error"), null,
                estimate(call, 0), result, response.status(), code, message), reply);
    }

    /** Dify's answer never arrived whole: released if Dify never had the call, else charged on an estimate. */
    public Mono<ProxyReply> unanswered(ProxyCall call, UpstreamException e) {
        var result = new UpstreamResult(0, e.latencyMillis(), 0);
        metrics.outcome("upstream_" + e.kind().name().toLowerCase());
        return switch (e.kind()) {
            case NOT_REACHED -> release(call, result, 502, "upstream_unavailable", "Dify could not be reached.",
                    ProxyReply.error(HttpStatus.BAD_GATEWAY, "upstream_unavailable", "Dify could not be reached."));
            case TIMEOUT -> chargedFailure(call, result, 0, HttpStatus.GATEWAY_TIMEOUT, "upstream_timeout",
                    "Dify did not answer in time.");
            case CUT -> chargedFailure(call, result, 0, HttpStatus.BAD_GATEWAY, "upstream_unavailable",
                    "The connection to Dify broke before its answer was complete.");
            case TOO_LARGE -> chargedFailure(call, result, DifyUpstream.MAX_WHOLE_ANSWER / BYTES_PER_TOKEN,
                    HttpStatus.BAD_GATEWAY, "upstream_answer_too_large",
                    "Dify's answer was larger than the gateway accepts for a blocking call; use streaming.");
        };
    }

    private Mono<ProxyReply> chargedFailure(ProxyCall call, UpstreamResult result, long answerChars,
                                            HttpStatus status, String code, String message) {
        return settle(call, CallOutcome.failed(FirewallCheck.notScanned(Stage.POST, "no_answer"), null,
                estimate(call, answerChars), result, status.value(), code, message),
                ProxyReply.error(status, code, message));
    }

    /** The client went away before the call was sent to Dify: nothing is charged and the key is given back. */
    Mono<Void> notForwarded(ProxyCall call) {
        metrics.outcome("client_gone");
        return release(call, UpstreamResult.NONE, 499, "client_closed_request",
                "The client closed the connection before the call was sent to Dify.",
                ProxyReply.error(HttpStatus.BAD_GATEWAY, "client_closed_request", "not sent"))
                .flatMap(reply -> call.idempotencyKey() == null ? Mono.empty()
                        : idempotency.release(call.principal().tenantId(), call.idempotencyKey(), call.callId())
                        .onErrorResume(e -> Mono.empty()))
                .then();
    }

    public Mono<ProxyReply> settle(ProxyCall call, CallOutcome outcome, ProxyReply reply) {
        return record(call, new SettleCallCommand(call.principal().accountId(), call.callId(), outcome), reply);
    }

    private Mono<ProxyReply> release(ProxyCall call, UpstreamResult result, int clientStatus, String code,
                                     String message, ProxyReply reply) {
        return record(call, new ReleaseCallCommand(call.principal().accountId(), call.callId(), result, clientStatus,
                code, message), reply);
    }

    /**
     * Keeps the outcome for retries with the same Idempotency-Key. A call Dify never had cost nothing, so that key is
     * given back and a retry runs again.
     */
    public Mono<ProxyReply> remember(ProxyCall call, ProxyReply reply) {
        String key = call.idempotencyKey();
        if (key == null) {
            return Mono.just(reply);
        }
        String tenantId = call.principal().tenantId();
        Mono<Void> stored = call.released()
                ? idempotency.release(tenantId, key, call.callId())
                : idempotency.complete(tenantId, key, call.callId(), reply.status(), reply.contentType().toString(),
                reply.body());
        return stored.thenReturn(reply).onErrorResume(e -> {
            log.error("could not keep the outcome of call {} for its Idempotency-Key", call.callId(), e);
            return Mono.just(reply);
        });
    }

    /**
     * The second transaction, retried on a passing failure (a refusal is final, retrying it changes nothing). If it
     * still fails the client gets its answer anyway and the reservation stays open: the call leaves this node's
     * in-flight set either way, so recovery settles it. The error is logged with the call id.
     */
    private Mono<ProxyReply> record(ProxyCall call, Object command, ProxyReply reply) {
        if (command instanceof ReleaseCallCommand) {
            call.markReleased();
        }
        return bus.send(command)
                .retryWhen(Retry.backoff(3, Duration.ofMillis(50))
                        .filter(e -> !Causes.include(e, CommandRefusedException.class)))
                .doOnNext(result -> {
                    if (result instanceof Charge charge) {
                        metrics.debited(charge.tokens());
                    }
                })
                .thenReturn(reply)
                .onErrorResume(e -> {
                    log.error("could not record the outcome of call {}: {}", call.callId(), command, e);
                    return Mono.just(reply);
                })
                .doFinally(signal -> inFlight.finished(call.callId()));
    }

    public static Usage estimate(ProxyCall call, long answerChars) {
        long prompt = (call.promptText().length() + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN;
        long completion = (answerChars + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN;
        return new Usage(prompt, completion, prompt + completion);
    }

    /** Dify's figures as they stand, however implausible: the account decides what to charge and flags the rest. */
    public static Usage usage(JsonNode usage) {
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
