package io.sigmacode.gateway.proxy.streaming;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sigmacode.gateway.firewall.ProxyFirewall;
import io.sigmacode.gateway.proxy.settlement.CallSettlement;
import io.sigmacode.gateway.proxy.upstream.DifyUpstream;
import io.sigmacode.gateway.proxy.upstream.DifyUpstream.StreamingResponse;
import io.sigmacode.gateway.proxy.upstream.DifyUpstream.UpstreamException;
import io.sigmacode.gateway.proxy.pipeline.ProxyCall;
import io.sigmacode.gateway.proxy.pipeline.ProxyMetrics;
import io.sigmacode.gateway.proxy.pipeline.ProxyReply;
import io.sigmacode.kernel.call.CallOutcome;
import io.sigmacode.kernel.call.UpstreamResult;
import io.sigmacode.kernel.pricing.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Relays a streamed answer (chat, agent, chatflow, completion, workflow) frame by frame, flushing each, with the
 * post-check running on it as it streams. Dify's stream is read detached from the client: if the client goes away or
 * the firewall withholds the rest of the answer, Dify is asked to stop the task and the stream is still read to its
 * end, so the call is settled on the usage Dify then reports. A stream that fails, is cut or goes idle is settled as
 * a failed call, on an estimate where Dify reported nothing.
 */
@Component
public class StreamingChatRelay {

    private static final Logger log = LoggerFactory.getLogger(StreamingChatRelay.class);

    private final DifyUpstream upstream;
    private final ProxyFirewall firewall;
    private final CallSettlement settlement;
    private final ProxyMetrics metrics;
    private final BlockingAnswers blocking;

    public StreamingChatRelay(DifyUpstream upstream, ProxyFirewall firewall, CallSettlement settlement,
                              ProxyMetrics metrics, BlockingAnswers blocking) {
        this.upstream = upstream;
        this.firewall = firewall;
        this.settlement = settlement;
        this.metrics = metrics;
        this.blocking = blocking;
    }

    public Mono<ServerResponse> relay(ProxyCall call, HttpHeaders incoming) {
        var start = upstream.stream(call.upstreamPath(), call.difyKey(),
                        call.body(), incoming)
                .flatMap(response -> response.isEventStream()
                        ? Mono.just(stream(call, response))
                        : response.whole()
                        .flatMap(whole -> blocking.answered(call, whole))
                        .flatMap(reply -> settlement.remember(call, reply))
                        .map(ProxyReply::render))
                .onErrorResume(UpstreamException.class, e -> settlement.unanswered(call, e)
                        .flatMap(reply -> settlement.remember(call, reply))
                        .map(ProxyReply::render))
                .toFuture();
        return Mono.fromFuture(start, true).flatMap(response -> response);
    }

    private Mono<ServerResponse> stream(ProxyCall call, StreamingResponse response) {
        var guard = new AnswerGuard(firewall, call.policy(), firewall.canaries(call.principal().canaries()));
        var answer = new StreamedAnswer(guard, call.maskedPrompt().map(masked -> masked.restorer()).orElse(null),
                call.policy().version());
        var stop = new TaskStop(taskId -> stop(call, taskId));
        var clientLeft = new AtomicBoolean();
        Sinks.Many<byte[]> toClient = Sinks.many().unicast().onBackpressureBuffer();
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        MediaType type = response.headers().getContentType();

        SseFrames.split(response.body())
                .timeout(upstream.idleTimeout())
                .concatMapIterable(frame -> {
                    var out = answer.onFrame(frame);
                    stop.taskSeen(answer.outcome().taskId());
                    if (answer.outcome().blocked()) {
                        stop.request();
                    }
                    return out;
                })
                .concatWith(Flux.defer(() -> Flux.fromIterable(answer.onEnd(null))))
                .onErrorResume(e -> Flux.fromIterable(answer.onEnd(e)))
                .doOnNext(frame -> {
                    toClient.tryEmitNext(frame);
                    if (call.idempotencyKey() != null) {
                        transcript.writeBytes(frame);
                    }
                })
                .doOnTerminate(toClient::tryEmitComplete)
                .then(Mono.defer(() -> settle(call, response, answer, clientLeft.get(), ProxyReply.of(200, type,
                        transcript.toByteArray()))))
                .flatMap(reply -> settlement.remember(call, reply))
                .subscribe();

        return ServerResponse.ok()
                .contentType(type)
                .build((exchange, context) -> {
                    ServerHttpResponse out = exchange.getResponse();
                    return out.writeAndFlushWith(toClient.asFlux()
                            .doOnCancel(() -> {
                                clientLeft.set(true);
                                stop.request();
                            })
                            .map(frame -> Mono.just(out.bufferFactory().wrap(frame))));
                });
    }

    /**
     * Asks Dify to stop a task nobody will read; Dify then ends the stream with the usage it counted so far, which
     * the relay is still reading.
     */
    private void stop(ProxyCall call, String taskId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String user = call.json() == null ? "" : call.json().path("user").asText("");
        byte[] body = JsonNodeFactory.instance.objectNode().put("user", user).toString()
                .getBytes(StandardCharsets.UTF_8);
        upstream.post(StopPaths.of(call.route(), taskId), call.difyKey(), body, headers)
                .subscribe(reply -> {
                    if (!reply.successful()) {
                        log.warn("Dify answered {} to stopping task {} of call {}", reply.status(), taskId,
                                call.callId());
                    }
                }, e -> log.warn("could not stop task {} of call {}: {}", taskId, call.callId(), e.toString()));
    }

    private Mono<ProxyReply> settle(ProxyCall call, StreamingResponse response, StreamedAnswer answer,
                                    boolean clientLeft, ProxyReply transcript) {
        StreamOutcome outcome = answer.outcome();
        if (clientLeft) {
            outcome.clientGone();
        }
        var result = new UpstreamResult(response.status(), response.elapsedMillis(), outcome.timeToFirstByteMillis());
        metrics.upstreamLatency(response.elapsedMillis());
        metrics.outcome(outcome.blocked() ? "answer_blocked" : outcome.failureCode() == null ? "completed"
                : "stream_failed");
        Usage estimate = CallSettlement.estimate(call, answer.releasedChars());
        CallOutcome settled = outcome.failureCode() == null
                ? CallOutcome.completed(answer.postCheck(), outcome.usage(), estimate, result, outcome.clientStatus())
                : CallOutcome.failed(answer.postCheck(), outcome.usage(), estimate, result, outcome.clientStatus(),
                outcome.failureCode(), outcome.failureMessage());
        return settlement.settle(call, settled, transcript);
    }
}
