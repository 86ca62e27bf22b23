package io.sigmacode.gateway.management;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import reactor.core.publisher.Flux;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A response body written as its rows come: text pieces are gathered into one buffer per {@link #ROWS_PER_BUFFER}
 * rows (one write per row would cost a syscall each), and nothing else is held.
 */
final class StreamedBody {

    static final int ROWS_PER_BUFFER = 256;

    private StreamedBody() {
    }

    static Flux<DataBuffer> of(Flux<String> pieces, DataBufferFactory buffers) {
        return pieces.buffer(ROWS_PER_BUFFER)
                .map(batch -> buffers.wrap(String.join("", batch).getBytes(StandardCharsets.UTF_8)));
    }

    /** The items as the elements of a JSON array, without its brackets. */
    static Flux<String> elements(Flux<?> items, ObjectMapper json) {
        return items.index().map(item -> (item.getT1() == 0 ? "" : ",") + write(json, item.getT2()));
    }

    static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
