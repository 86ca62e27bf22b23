package io.sigmacode.gateway.proxy.streaming;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an SSE byte stream into whole frames, each ending with its blank line. Works on bytes, so a network chunk
 * that holds several frames, part of one, or half of a multi-byte UTF-8 character is handled alike.
 */
final class SseFrames {

    private SseFrames() {
    }

    static Flux<byte[]> split(Flux<DataBuffer> body) {
        return Flux.defer(() -> {
            Splitter splitter = new Splitter();
            return body.concatMapIterable(buffer -> {
                byte[] bytes = new byte[buffer.readableByteCount()];
                buffer.read(bytes);
                DataBufferUtils.release(buffer);
                return splitter.feed(bytes);
            }).concatWith(Flux.defer(() -> Flux.fromIterable(splitter.rest())));
        });
    }

    /** Keeps the bytes of an unfinished frame until its blank line ({@code \n\n} or {@code \r\n\r\n}) arrives. */
    static final class Splitter {

        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private int lineBreaks;

        List<byte[]> feed(byte[] bytes) {
            List<byte[]> frames = new ArrayList<>();
            for (byte b : bytes) {
                pending.write(b);
                if (b == '\n') {
                    lineBreaks++;
                } else if (b != '\r') {
                    lineBreaks = 0;
                }
                if (lineBreaks == 2) {
                    frames.add(pending.toByteArray());
                    pending.reset();
                    lineBreaks = 0;
                }
            }
            return frames;
        }

        /** Whatever is left when the stream ends: a last frame without its blank line. */
        List<byte[]> rest() {
            return pending.size() == 0 ? List.of() : List.of(pending.toByteArray());
        }
    }
}
