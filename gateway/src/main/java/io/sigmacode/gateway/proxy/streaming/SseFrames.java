package io.sigmacode.gateway.proxy.streaming;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an SSE byte stream into frames as the SSE specification reads it: a line ends at CR, LF or CRLF, and an empty
 * line ends the frame. Each frame keeps its own bytes, blank line included, so that the frames put back together are
 * exactly the stream. Works on bytes, so a network chunk that holds several frames, part of one, or half of a
 * multi-byte UTF-8 character is handled alike. A stray blank line is a frame of its own that dispatches nothing.
 */
final class SseFrames {

    private SseFrames() {
    }

    static Flux<SseFrame> split(Flux<DataBuffer> body) {
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

    /** Keeps the bytes of an unfinished frame until its empty line arrives. */
    static final class Splitter {

        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        /** Bytes of the current line so far, its line break not counted. */
        private int lineLength;
        /** The last byte was a CR: an LF right after it belongs to the same line break. */
        private boolean afterCr;
        /** The frame ended with a CR: it is let go once the next byte shows whether an LF completes it. */
        private boolean endedWithCr;

        List<SseFrame> feed(byte[] bytes) {
            List<SseFrame> frames = new ArrayList<>();
            for (byte b : bytes) {
                if (endedWithCr) {
                    endedWithCr = false;
                    if (b == '\n') {
                        pending.write(b);
                        afterCr = false;
                        frames.add(take());
                        continue;
                    }
                    frames.add(take());
                }
                pending.write(b);
                if (b == '\n' && afterCr) {
                    afterCr = false;
                } else if (b == '\n' || b == '\r') {
                    afterCr = b == '\r';
                    if (lineLength == 0 && afterCr) {
                        endedWithCr = true;
                    } else if (lineLength == 0) {
                        frames.add(take());
                    }
                    lineLength = 0;
                } else {
                    afterCr = false;
                    lineLength++;
                }
            }
            return frames;
        }

        private SseFrame take() {
            SseFrame frame = SseFrame.of(pending.toByteArray());
            pending.reset();
            return frame;
        }

        /**
         * Whatever is left when the stream ends. The specification drops an event whose empty line never came; it is
         * still passed on (its text checked like any other) so the client sees what Dify sent.
         */
        List<SseFrame> rest() {
            return pending.size() == 0 ? List.of() : List.of(take());
        }
    }
}
