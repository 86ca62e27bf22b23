package io.sigmacode.gateway.proxy.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sigmacode.gateway.proxy.pipeline.AbandonedCalls;
import io.sigmacode.gateway.proxy.pipeline.InFlightCalls;
import io.sigmacode.gateway.proxy.pipeline.ProxyCall;
import io.sigmacode.gateway.proxy.pipeline.ProxyMetrics;
import io.sigmacode.gateway.proxy.pipeline.ProxyRefusal;
import io.sigmacode.gateway.proxy.pipeline.ProxyReply;
import io.sigmacode.gateway.proxy.upstream.DifyUpstream;
import io.sigmacode.gateway.proxy.upstream.DifyUpstream.UpstreamException;
import io.sigmacode.gateway.proxy.upstream.DifyUpstream.UpstreamResponse;
import io.sigmacode.gateway.proxy.upstream.UpstreamFaults;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.gateway.support.Causes;
import io.sigmacode.kernel.call.CallDetails;
import io.sigmacode.kernel.call.CallOutcome;
import io.sigmacode.kernel.call.RecordFreeCallCommand;
import io.sigmacode.kernel.call.ReleaseCallCommand;
import io.sigmacode.kernel.call.SettleCallCommand;
import io.sigmacode.kernel.call.UpstreamResult;
import io.sigmacode.kernel.error.CommandRefusedException;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.pricing.Charge;
import io.sigmacode.kernel.pricing.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.io.IOException;
import java.time.Duration;

/**
 * The one settler of admitted calls, blocking, streamed, transferred and cut alike: it turns what Dify did into a
 * {@link CallOutcome} for the account to price, or releases the reservation when Dify never had the call, and hands
 * the call's answer on ({@link ProxyCall#answered}). Which faults are charged is written down in docs/decisions.md.
 */
@Component
public class CallSettlement implements AbandonedCalls {

    private static final Logger log = LoggerFactory.getLogger(CallSettlement.class);
    /** Rough size of an LLM token for estimating usage when Dify reports none. */
    public static final int BYTES_PER_TOKEN = 4;

    private final ObjectMapper json = new ObjectMapper();
    private final Bus bus;
    private final ProxyMetrics metrics;
    private final InFlightCalls inFlight;

    CallSettlement(Bus bus, ProxyMetrics metrics, InFlightCalls inFlight) {
        this.bus = bus;
        this.metrics = metrics;
        this.inFlight = inFlight;
    }

    /**
     * Dify's own error reaches the client unchanged, except its 401: the gateway key was fine, it is the app's Dify
     * key that Dify refused, and a 401 would send the caller looking at their own key. An error without Dify's
     * envelope (an edge proxy's page) is put into it, so Dify clients can read it. The account is charged the
     * prompt's estimate if Dify had the call.
     */
    public Mono<ProxyReply> failed(ProxyCall call, UpstreamResponse response) {
        JsonNode body = parse(response.body());
        var result = new UpstreamResult(response.status(), response.latencyMillis(), response.latencyMillis());
        if (response.status() == HttpStatus.UNAUTHORIZED.value()) {
            metrics.outcome("upstream_key_refused");
            ProxyRefusal refused = ProxyRefusal.UPSTREAM_KEY_REFUSED;
            return release(call, result, refused.status().value(), refused.code(), refused.message(),
                    refused.reply());
        }
        ProxyReply reply = UpstreamFaults.difyEnvelope(body)
                ? ProxyReply.of(response.status(), response.headers().getContentType(), response.body())
                : foreignError(response.status());
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

    /** An error in front of Dify, told in Dify's envelope with the status the edge gave. */
    static ProxyReply foreignError(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return ProxyRefusal.UPSTREAM_FOREIGN_ERROR.replyWithStatus(known != null ? status : 502,
                UpstreamFaults.codeFor(status), status);
    }

    /** Dify's answer never arrived whole: released if Dify never had the call, else charged on an estimate. */
    public Mono<ProxyReply> unanswered(ProxyCall call, UpstreamException e) {
        var result = new UpstreamResult(0, e.latencyMillis(), 0);
        metrics.outcome("upstream_" + e.kind().name().toLowerCase());
        return switch (e.kind()) {
            case NOT_REACHED -> {
                ProxyRefusal refusal = ProxyRefusal.UPSTREAM_UNREACHABLE;
                yield release(call, result, refusal.status().value(), refusal.code(), refusal.message(),
                        refusal.reply());
            }
            case TIMEOUT -> chargedFailure(call, result, 0, ProxyRefusal.UPSTREAM_TIMEOUT);
            case CUT -> chargedFailure(call, result, 0, ProxyRefusal.UPSTREAM_CUT);
            case TOO_LARGE -> chargedFailure(call, result, DifyUpstream.MAX_WHOLE_ANSWER / BYTES_PER_TOKEN,
                    ProxyRefusal.UPSTREAM_ANSWER_TOO_LARGE);
        };
    }

    private Mono<ProxyReply> chargedFailure(ProxyCall call, UpstreamResult result, long answerChars,
                                            ProxyRefusal refusal) {
        return settle(call, CallOutcome.failed(FirewallCheck.notScanned(Stage.POST, "no_answer"), null,
                estimate(call, answerChars), result, refusal.status().value(), refusal.code(), refusal.message()),
                refusal.reply());
    }

    /** The client went away before the call was sent to Dify: nothing is charged and the key is given back. */
    @Override
    public Mono<Void> notForwarded(ProxyCall call) {
        metrics.outcome("client_gone");
        ProxyReply notSent = ProxyRefusal.UPSTREAM_UNREACHABLE.reply();
        return release(call, UpstreamResult.NONE, 499, "client_closed_request",
                "The client closed the connection before the call was sent to Dify.", notSent)
                .doOnNext(call::answered)
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

    /** Hands the settled answer to the call, where the Idempotency-Key's owner keeps it. */
    public Mono<ProxyReply> remember(ProxyCall call, ProxyReply reply) {
        call.answered(reply);
        return Mono.just(reply);
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

    /**
     * A paid transfer (upload, audio) Dify answered with success: charged its flat fee. It ran no model whose usage
     * the gateway could read, so usage is reported as none rather than estimated from the bytes. {@code postCheck}
     * is the verdict on a transcription, null when the answer carried no text.
     */
    public Mono<Void> transferred(ProxyCall call, FirewallCheck postCheck, int status, long latencyMillis,
                                  long firstByteMillis) {
        metrics.upstreamLatency(latencyMillis);
        metrics.outcome("completed");
        var result = new UpstreamResult(status, latencyMillis, firstByteMillis);
        FirewallCheck checked = postCheck != null ? postCheck : FirewallCheck.notScanned(Stage.POST, "no_text");
        return settle(call, CallOutcome.completed(checked, Usage.NONE, Usage.NONE, result, status),
                ProxyReply.of(status, null, new byte[0])).then();
    }

    /** A paid transfer whose answer was cut after its headers: Dify had it, so its flat fee is charged. */
    public Mono<Void> transferCut(ProxyCall call, int status, long latencyMillis) {
        metrics.outcome("stream_failed");
        ProxyRefusal cut = ProxyRefusal.UPSTREAM_CUT;
        return settle(call, CallOutcome.failed(FirewallCheck.notScanned(Stage.POST, "no_answer"), null, Usage.NONE,
                new UpstreamResult(status, latencyMillis, 0), status, cut.code(), cut.message()), cut.reply()).then();
    }

    /**
     * Records a free call once it is answered, detached from the client and retried like a settlement; the client's
     * answer never waits for it, so a free call never queues behind the account's paid calls.
     */
    public void recordFree(ProxyCall call, CallDetails details, FirewallCheck postCheck, int status,
                           long latencyMillis, String failureCode, String failureMessage) {
        metrics.outcome(failureCode == null ? "free" : "free_failed");
        var command = new RecordFreeCallCommand(call.principal().accountId(), call.callId(), details, postCheck,
                new UpstreamResult(status, latencyMillis, latencyMillis), status, failureCode, failureMessage);
        bus.send(command)
                .retryWhen(Retry.backoff(3, Duration.ofMillis(50))
                        .filter(e -> !Causes.include(e, CommandRefusedException.class)))
                .subscribe(null, e -> log.error("could not record free call {}: {}", call.callId(), command, e));
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

    /** A workflow's usage: its total only, or null when Dify reported none. */
    public static Usage workflowUsage(JsonNode data) {
        return data.path("total_tokens").canConvertToLong() && data.path("total_tokens").isNumber()
                ? new Usage(0, 0, data.path("total_tokens").asLong()) : null;
    }

    private JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
