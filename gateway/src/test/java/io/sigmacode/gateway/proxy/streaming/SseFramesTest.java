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

    private static List<SseFrame> frames(byte[]... chunks) {
        Flux<DataBuffer> body = Flux.fromArray(chunks).map(DefaultDataBufferFactory.sharedInstance::wrap);
        return SseFrames.split(body).collectList().block();
    }

    private static List<String> split(byte[]... chunks) {
        return frames(chunks).stream().map(frame -> new String(frame.raw(), StandardCharsets.UTF_8)).toList();
    }

    private static List<String> data(String stream) {
        return frames(stream.getBytes(StandardCharsets.UTF_8)).stream().map(SseFrame::data).toList();
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
    void crLfAndCrLfLineEndsAllEndFrames() {
        assertThat(split("data: x\r\n\r\ndata: y\r\rdata: z\n\n".getBytes()))
                .containsExactly("data: x\r\n\r\n", "data: y\r\r", "data: z\n\n");
        assertThat(split("data: x\r\r".getBytes(), "\ndata: y\r\n".getBytes(), "\r\n".getBytes()))
                .containsExactly("data: x\r\r\n", "data: y\r\n\r\n");
    }

    @Test
    void theBytesOfAllFramesAreTheStreamUnchanged() {
        String stream = "\n\n: hello\ndata: a\n\n\r\nevent: ping\r\rdata:b\r\ndata: c\n\n";

        assertThat(String.join("", split(stream.getBytes()))).isEqualTo(stream);
    }

    @Test
    void commentsExtraBlankLinesAndAnEventLineFirstDoNotHideTheData() {
        assertThat(data("\n\n: keep-alive\nevent: message\ndata: {\"x\":1}\n\n")).containsExactly(null, null,
                "{\"x\":1}");
    }

    @Test
    void multiLineDataIsJoinedWithLineFeeds() {
        assertThat(data("data: {\"answer\":\ndata:  \"hi\"}\n\n")).containsExactly("{\"answer\":\n \"hi\"}");
    }

    @Test
    void oneSpaceAfterTheColonIsDroppedAndAFieldWithoutColonIsEmpty() {
        assertThat(data("data:x\n\ndata:  y\n\ndata\n\n")).containsExactly("x", " y", "");
    }

    @Test
    void theEventTypeComesFromTheEventField() {
        List<SseFrame> frames = frames("event: ping\n\nevent:custom\ndata: 1\n\ndata: 2\n\n".getBytes());

        assertThat(frames).extracting(SseFrame::type).containsExactly("ping", "custom", "message");
        assertThat(frames.get(0).data()).isNull();
    }
}
