package io.sigmacode.gateway.proxy.streaming;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseFramesTest {

    private static List<String> split(byte[]... chunks) {
        Flux<DataBuffer> body = Flux.fromArray(chunks).map(DefaultDataBufferFactory.sharedInstance::wrap);
        return SseFrames.split(body).map(frame -> new String(frame, StandardCharsets.UTF_8)).collectList().block();
    }

    @Test
    void framesAreCutAtTheirBlankLinesWhateverTheChunking() {
        assertThat(split("data: {\"a\":1}\n\nevent: ping\n\nda".getBytes(), "ta: {\"b\":2}\n".getBytes(),
                "\n".getBytes()))
                .containsExactly("data: {\"a\":1}\n\n", "event: ping\n\n", "data: {\"b\":2}\n\n");
    }

    @Test
    void aMultiByteCharacterSplitBetweenChunksArrivesWhole() {
        byte[] frame = "data: {\"answer\":\"caf\u00e9 \u4e2d\"}\n\n".getBytes(StandardCharsets.UTF_8);
        int middleOfE = new String(frame, StandardCharsets.UTF_8).indexOf('\u00e9') + 1;

        assertThat(split(Arrays.copyOfRange(frame, 0, middleOfE), Arrays.copyOfRange(frame, middleOfE, frame.length)))
                .containsExactly("data: {\"answer\":\"caf\u00e9 \u4e2d\"}\n\n");
    }

    @Test
    void aLastFrameWithoutItsBlankLineIsStillDelivered() {
        assertThat(split("data: {\"a\":1}\n\ndata: {\"b\"".getBytes()))
                .containsExactly("data: {\"a\":1}\n\n", "data: {\"b\"");
    }

    @Test
    void crlfFramingIsUnderstood() {
        assertThat(split("data: x\r\n\r\ndata: y\r\n\r\n".getBytes())).containsExactly("data: x\r\n\r\n", "data: y\r\n\r\n");
    }
}
