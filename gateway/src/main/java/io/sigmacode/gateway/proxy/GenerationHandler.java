package io.sigmacode.gateway.proxy;

import io.sigmacode.gateway.proxy.pipeline.ProxyCall;
import io.sigmacode.gateway.proxy.pipeline.ProxyReply;
import io.sigmacode.gateway.proxy.settlement.CallSettlement;
import io.sigmacode.gateway.proxy.streaming.BlockingAnswers;
import io.sigmacode.gateway.proxy.streaming.StreamingChatRelay;
import io.sigmacode.gateway.proxy.upstream.DifyUpstream;
import io.sigmacode.gateway.proxy.upstream.DifyUpstream.UpstreamException;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Forwards an admitted generation call (chat, completion, workflow run) to Dify and answers the client: a whole
 * answer here, a streamed one through {@link StreamingChatRelay}. The upstream work runs detached from the client's
 * connection: a client that hangs up does not stop a call Dify is already working on from being settled.
 */
@Component
class GenerationHandler {

    private final DifyUpstream upstream;
    private final CallSettlement settlement;
    private final BlockingAnswers blocking;
    private final StreamingChatRelay streaming;

    GenerationHandler(DifyUpstream upstream, CallSettlement settlement, BlockingAnswers blocking,
                      StreamingChatRelay streaming) {
        this.upstream = upstream;
        this.settlement = settlement;
        this.blocking = blocking;
        this.streaming = streaming;
    }

    Mono<ServerResponse> handle(ServerRequest request) {
        ProxyCall call = ProxyCall.of(request.exchange());
        if (!call.startForwarding()) {
            return Mono.empty();
        }
        if (call.streaming()) {
            return streaming.relay(call, request.headers().asHttpHeaders());
        }
        var work = upstream.post(call.upstreamPath(), call.difyKey(), call.body(), request.headers().asHttpHeaders())
                .flatMap(response -> blocking.answered(call, response))
                .onErrorResume(UpstreamException.class, e -> settlement.unanswered(call, e))
                .flatMap(reply -> settlement.remember(call, reply))
                .toFuture();
        return Mono.fromFuture(work, true).flatMap(ProxyReply::render);
    }
}
