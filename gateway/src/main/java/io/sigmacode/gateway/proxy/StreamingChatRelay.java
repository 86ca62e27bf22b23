package io.sigmacode.gateway.proxy;

import io.sigmacode.gateway.firewall.ProxyFirewall;
import io.sigmacode.gateway.proxy.pipeline.ProxyCall;
import io.sigmacode.gateway.proxy.pipeline.ProxyMetrics;
import io.sigmacode.gateway.proxy.pipeline.ProxyReply;
import io.sigmacode.gateway.proxy.settlement.CallSettlement;
import io.sigmacode.gateway.proxy.upstream.DifyUpstream;
import io.sigmacode.gateway.proxy.upstream.DifyUpstream.StreamingResponse;
import io.sigmacode.gateway.proxy.upstream.DifyUpstream.UpstreamException;
import io.sigmacode.kernel.call.CallOutcome;
import io.sigmacode.kernel.call.UpstreamResult;
import io.sigmacode.kernel.pricing.Usage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.io.ByteArrayOutputStream;

/**
 * Relays a streamed chat answer frame by frame, flushing each, with the post-check running on the answer as it
 * streams. The relay is detached from the client: if the client goes away, Dify's stream is still read to its end
 * so the call is settled on the usage Dify reports. A stream that fails or is cut is settled on an estimate.
 */
@Component
class StreamingChatRelay {

    private final DifyUpstream upstream;
    private final ProxyFirewall firewall;
    private final CallSettlement settlement;
    private final BlockingAnswers blocking;
    private final ProxyMetrics metrics;

    StreamingChatRelay(DifyUpstream upstream, ProxyFirewall firewall, CallSettlement settlement,
                       ProxyMetrics metrics, BlockingAnswers blocking) {
        this.upstream = upstream;
        this.firewall = firewall;
        this.settlement = settlement;
        this.blocking = blocking;
        this.metrics = metrics;
    }

    Mono<ServerResponse> relay(ProxyCall call, HttpHeaders incoming) {
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
        var guard = new AnswerGuard(firewall, call.policy(),
                call.maskedPrompt().map(masked -> masked.restorer()).orElse(null),
                firewall.canaries(call.principal().canaries()));
        var answer = new StreamedAnswer(guard, call.policy().version());
        Sinks.Many<byte[]> toClient = Sinks.many().unicast().onBackpressureBuffer();
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        MediaType type = response.headers().getContentType();

        SseFrames.split(response.body())
                .timeout(upstream.idleTimeout())
                .concatMapIterable(answer::onFrame)
                .takeUntil(frame -> answer.blocked())
                .concatWith(Flux.defer(() -> Flux.fromIterable(answer.onEnd(null))))
                .onErrorResume(e -> Flux.fromIterable(answer.onEnd(e)))
                .doOnNext(frame -> {
                    toClient.tryEmitNext(frame);
                    if (call.idempotencyKey() != null) {
                        transcript.writeBytes(frame);
                    }
                })
                .doOnTerminate(toClient::tryEmitComplete)
                .then(Mono.defer(() -> settle(call, response, answer, ProxyReply.of(200, type,
                        transcript.toByteArray()))))
                .flatMap(reply -> settlement.remember(call, reply))
                .subscribe();

        return ServerResponse.ok()
                .contentType(type)
                .build((exchange, context) -> {
                    ServerHttpResponse out = exchange.getResponse();
                    return out.writeAndFlushWith(toClient.asFlux()
                            .map(frame -> Mono.just(out.bufferFactory().wrap(frame))));
                });
    }

    private Mono<ProxyReply> settle(ProxyCall call, StreamingResponse response, StreamedAnswer answer,
                                    ProxyReply transcript) {
        var result = new UpstreamResult(response.status(), response.elapsedMillis(), answer.timeToFirstByteMillis());
        metrics.upstreamLatency(response.elapsedMillis());
        metrics.outcome(answer.blocked() ? "answer_blocked" : answer.failureCode() == null ? "completed"
                : "stream_failed");
        Usage estimate = CallSettlement.estimate(call, answer.releasedChars());
        CallOutcome outcome = answer.failureCode() == null
                ? CallOutcome.completed(answer.postCheck(), answer.usage(), estimate, result, answer.clientStatus())
                : CallOutcome.failed(answer.postCheck(), answer.usage(), estimate, result, answer.clientStatus(),
                answer.failureCode(), answer.failureMessage());
        return settlement.settle(call, outcome, transcript);
    }
}
