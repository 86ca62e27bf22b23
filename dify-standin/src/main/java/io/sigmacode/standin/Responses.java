package io.sigmacode.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/** Writes responses with the headers Dify sends; nothing here blocks, delays run on Reactor timers. */
final class Responses {

    static final String JSON = "application/json";
    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    private Responses() {
    }

    static Mono<Void> json(HttpServerResponse response, int status, ObjectNode body) {
        return response.status(status)
                .header("Content-Type", JSON)
                .sendByteArray(Mono.just(Json.bytes(body)))
                .then();
    }

    static Mono<Void> error(HttpServerResponse response, DifyError error) {
        if (error.status() == 401) {
            response.header("WWW-Authenticate", "Bearer realm=\"api\"");
        }
        return json(response, error.status(), Json.errorBody(error));
    }

    /**
     * Flushes every chunk on its own so a client sees events as they are produced, as with Dify's generator. A stop
     * for the task replaces what is still unsent with the transcript's stopped ending.
     */
    static Mono<Void> stream(HttpServerResponse response, Transcript transcript, Duration interval,
                             StreamStops stops, SentStreams sent) {
        String task = transcript.taskId();
        stops.started(task);
        Flux<byte[]> chunks = Flux.fromIterable(transcript.chunks());
        if (!interval.isZero()) {
            chunks = chunks.delayElements(interval);
        }
        Flux<byte[]> unlessStopped = chunks.takeWhile(chunk -> !stops.stopped(task))
                .concatWith(Flux.defer(() -> stops.stopped(task) ? Flux.fromIterable(transcript.stoppedEnding())
                        : Flux.empty()));
        Flux<ByteBuf> buffers = unlessStopped.doOnNext(chunk -> sent.sent(task, chunk)).map(Unpooled::wrappedBuffer);
        Mono<Void> written = response.status(200)
                .header("Content-Type", EVENT_STREAM)
                .send(buffers, buffer -> true)
                .then()
                .doFinally(signal -> stops.finished(task));
        return transcript.cutAfterFrames() && !stops.stopped(task) ? written.then(Mono.defer(() -> cut(response)))
                : written;
    }

    /** A reply as given; one announcing more bytes than it has is cut after what it has. */
    static Mono<Void> raw(HttpServerResponse response, RawReply reply) {
        if (reply.noReply()) {
            response.withConnection(connection -> connection.channel().close());
            return Mono.never();
        }
        response.status(reply.status()).header("Content-Type", reply.contentType());
        if (!reply.cutShort()) {
            return response.sendByteArray(Mono.just(reply.body())).then();
        }
        response.header("Content-Length", Long.toString(reply.declaredLength()));
        return response.send(Mono.just(Unpooled.wrappedBuffer(reply.body())), buffer -> true).then()
                .then(Mono.defer(() -> cut(response)));
    }

    /**
     * Closes the socket behind the already-written frames: the close is queued in the channel pipeline after them,
     * so the client gets every frame and then an unterminated chunked body.
     */
    private static Mono<Void> cut(HttpServerResponse response) {
        response.withConnection(connection -> connection.channel()
                .writeAndFlush(Unpooled.EMPTY_BUFFER)
                .addListener(ChannelFutureListener.CLOSE));
        return Mono.never();
    }
}
