package io.sigmacode.gateway.proxy;

import io.sigmacode.gateway.proxy.DifyUpstream.UpstreamException;
import io.sigmacode.gateway.proxy.streaming.StreamingChatRelay;
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
    private final StreamingChatRelay streaming;

    GenerationHandler(DifyUpstream upstream, CallSettlement settlement,
                        StreamingChatRelay streaming) {
        this.upstream = upstream;
        this.settlement = settlement;
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
        var work = upstream.post(call.route().upstreamPath(), call.difyKey(),
                        call.body(), request.headers().asHttpHeaders())
                .flatMap(response -> settlement.answered(call, response))
                .onErrorResume(UpstreamException.class, e -> settlement.unanswered(call, e))
                .flatMap(reply -> settlement.remember(call, reply))
                .toFuture();
        return Mono.fromFuture(work, true).flatMap(ProxyReply::render);
    }
}
