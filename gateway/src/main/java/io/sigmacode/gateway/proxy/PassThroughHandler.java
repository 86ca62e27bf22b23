package io.sigmacode.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sigmacode.gateway.node.NodeLease;
import io.sigmacode.gateway.proxy.pipeline.ProxyCall;
import io.sigmacode.gateway.proxy.pipeline.ProxyRefusal;
import io.sigmacode.gateway.proxy.pipeline.ProxyReply;
import io.sigmacode.gateway.proxy.settlement.CallSettlement;
import io.sigmacode.gateway.proxy.upstream.DifyUpstream;
import io.sigmacode.gateway.proxy.upstream.DifyUpstream.StreamingResponse;
import io.sigmacode.gateway.proxy.upstream.DifyUpstream.UpstreamException;
import io.sigmacode.kernel.call.CallDetails;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every Dify endpoint but the generations: the request streamed to Dify as it comes (multipart uploads and audio
 * are never held whole), Dify's status, headers and body streamed back unchanged, 201 and 204 included. A Dify error
 * is passed through as Dify sent it, except its 401 (the app's Dify key was refused, not the caller's). Paid
 * transfers (upload, audio) are settled at their flat fee once the answer has gone through; free calls are recorded
 * with 0 tokens, after the answer, without ever waiting for the account.
 */
@Component
class PassThroughHandler {

    /** Dify's answer headers a client may read; hop-by-hop and connection headers are Netty's business. */
    private static final List<String> ANSWER_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_LENGTH,
            HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.CACHE_CONTROL, HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED,
            HttpHeaders.ACCEPT_RANGES, "X-Version");

    private final ObjectMapper json = new ObjectMapper();
    private final DifyUpstream upstream;
    private final CallSettlement settlement;
    private final NodeLease node;
    private final ServedBackCheck served;

    PassThroughHandler(DifyUpstream upstream, CallSettlement settlement, NodeLease node, ServedBackCheck served) {
        this.upstream = upstream;
        this.settlement = settlement;
        this.node = node;
        this.served = served;
    }

    Mono<ServerResponse> handle(ServerRequest request) {
        ProxyCall call = ProxyCall.of(request.exchange());
        if (!call.startForwarding()) {
            return Mono.empty();
        }
        HttpHeaders incoming = request.headers().asHttpHeaders();
        Flux<DataBuffer> body = request.exchange().getRequest().getBody();
        if (call.json() != null) {
            // Read and pre-checked by the pipeline (text-to-audio): Dify gets what the pre-check let through.
            body = Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(call.body()));
            HttpHeaders rewritten = new HttpHeaders();
            rewritten.addAll(incoming);
            rewritten.setContentLength(call.body().length);
            incoming = rewritten;
        }
        return upstream.relay(request.method(), call.upstreamPath(), call.difyKey(), incoming, body)
                .flatMap(response -> {
                    if (response.status() < 200 || response.status() >= 300) {
                        return response.whole().flatMap(whole -> refused(call, whole));
                    }
                    return served.applies(call, response.headers().getContentType())
                            ? response.whole(DifyUpstream.MAX_WHOLE_ANSWER).flatMap(whole -> checked(call, whole))
                            : relay(call, response);
                })
                .onErrorResume(DataBufferLimitException.class, e -> unanswered(call,
                        UpstreamException.afterHeaders(e, call.elapsedMillis())))
                .onErrorResume(UpstreamException.class, e -> unanswered(call, e));
    }

    /** A successful answer carrying model text Dify kept: post-checked whole, then settled or recorded. */
    private Mono<ServerResponse> checked(ProxyCall call, DifyUpstream.UpstreamResponse whole) {
        return served.check(call, whole).flatMap(checked -> {
            ProxyReply reply = checked.reply();
            boolean withheld = reply.status() != whole.status();
            if (call.route().free()) {
                settlement.recordFree(call, details(call), checked.postCheck(), reply.status(), whole.latencyMillis(),
                        withheld ? ProxyRefusal.ANSWER_BLOCKED.code() : null,
                        withheld ? ProxyRefusal.ANSWER_BLOCKED.message(call.callId()) : null);
                return reply.render();
            }
            return settlement.transferred(call, checked.postCheck(), reply.status(), whole.latencyMillis(),
                    whole.latencyMillis()).then(reply.render());
        });
    }

    /** Dify's success, streamed back; the call is settled or recorded once the last byte went (or the client left). */
    private Mono<ServerResponse> relay(ProxyCall call, StreamingResponse response) {
        AtomicBoolean finished = new AtomicBoolean();
        long firstByte = response.elapsedMillis();
        var body = response.body()
                .doOnComplete(() -> {
                    if (finished.compareAndSet(false, true)) {
                        done(call, response.status(), response.elapsedMillis(), firstByte, null);
                    }
                })
                .doOnError(e -> {
                    if (finished.compareAndSet(false, true)) {
                        done(call, response.status(), response.elapsedMillis(), firstByte, e);
                    }
                })
                .doOnCancel(() -> {
                    if (finished.compareAndSet(false, true)) {
                        done(call, response.status(), response.elapsedMillis(), firstByte, null);
                    }
                });
        return ServerResponse.status(response.status())
                .headers(headers -> ANSWER_HEADERS.forEach(name -> {
                    List<String> values = response.headers().get(name);
                    if (values != null) {
                        headers.put(name, values);
                    }
                }))
                .body(BodyInserters.fromDataBuffers(body));
    }

    private void done(ProxyCall call, int status, long latency, long firstByte, Throwable cut) {
        if (call.route().free()) {
            settlement.recordFree(call, details(call), null, status, latency,
                    cut == null ? null : ProxyRefusal.UPSTREAM_CUT.code(),
                    cut == null ? null : ProxyRefusal.UPSTREAM_CUT.message());
        } else if (cut == null) {
            settlement.transferred(call, null, status, latency, firstByte).subscribe();
        } else {
            settlement.transferCut(call, status, latency).subscribe();
        }
    }

    /** Dify refused or failed: its envelope passes through (its 401 excepted); a paid call is settled as any. */
    private Mono<ServerResponse> refused(ProxyCall call, DifyUpstream.UpstreamResponse whole) {
        if (!call.route().free()) {
            return settlement.failed(call, whole).flatMap(ProxyReply::render);
        }
        ProxyReply reply = whole.status() == 401 ? ProxyRefusal.UPSTREAM_KEY_REFUSED.reply()
                : ProxyReply.of(whole.status(), whole.headers().getContentType(), whole.body());
        JsonNode body = parse(whole.body());
        settlement.recordFree(call, details(call), null, reply.status(), whole.latencyMillis(),
                body.path("code").asText(whole.status() == 401 ? "upstream_key_refused" : "upstream_error"),
                body.path("message").asText(""));
        return reply.render();
    }

    private Mono<ServerResponse> unanswered(ProxyCall call, UpstreamException e) {
        if (!call.route().free()) {
            return settlement.unanswered(call, e).flatMap(ProxyReply::render);
        }
        ProxyRefusal refusal = switch (e.kind()) {
            case NOT_REACHED -> ProxyRefusal.UPSTREAM_UNREACHABLE;
            case TIMEOUT -> ProxyRefusal.UPSTREAM_TIMEOUT;
            case CUT, TOO_LARGE -> ProxyRefusal.UPSTREAM_CUT;
        };
        settlement.recordFree(call, details(call), null, refusal.status().value(), e.latencyMillis(),
                refusal.code(), refusal.message());
        return refusal.reply().render();
    }

    private CallDetails details(ProxyCall call) {
        var principal = call.principal();
        return new CallDetails(principal.tenantId(), principal.keyId(), principal.appId(),
                call.route().endpoint(principal.appMode()), false, null, node.nodeId());
    }

    private JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
