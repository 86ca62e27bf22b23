package io.sigmacode.gateway.proxy.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sigmacode.firewall.Canaries;
import io.sigmacode.firewall.FirewallEngine;
import io.sigmacode.gateway.firewall.ProxyFirewall;
import io.sigmacode.gateway.firewall.ProxyFirewall.PolicyInForce;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs a stream's bytes through the post-check as the relay does, and reads back what the client got. */
final class Streams {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final ProxyFirewall FIREWALL = new ProxyFirewall(new FirewallEngine(), null,
            new SimpleMeterRegistry());
    private static final PolicyInForce POLICY = FIREWALL.policy(null).block();

    private Streams() {
    }

    static StreamedAnswer answer() {
        return new StreamedAnswer(new AnswerGuard(FIREWALL, POLICY, Canaries.NONE), null, POLICY.version());
    }

    /** What the client receives for these network chunks, ended normally. */
    static Run run(List<byte[]> chunks) {
        StreamedAnswer answer = answer();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Flux.fromIterable(chunks).<DataBuffer>map(DefaultDataBufferFactory.sharedInstance::wrap)
                .transform(SseFrames::split)
                .concatMapIterable(answer::onFrame)
                .concatWith(Flux.defer(() -> Flux.fromIterable(answer.onEnd(null))))
                .doOnNext(out::writeBytes)
                .blockLast();
        return new Run(answer, out.toByteArray());
    }

    static Run run(String stream) {
        return run(List.of(stream.getBytes(StandardCharsets.UTF_8)));
    }

    static String frames(String... events) {
        StringBuilder stream = new StringBuilder();
        for (String event : events) {
            stream.append("data: ").append(event).append("\n\n");
        }
        return stream.toString();
    }

    record Run(StreamedAnswer answer, byte[] bytes) {

        String wire() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** The events the client's SSE parser dispatches, as JSON. */
        List<JsonNode> events() {
            List<JsonNode> events = new ArrayList<>();
            Flux<DataBuffer> body = Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes));
            for (SseFrame frame : SseFrames.split(body).collectList().block()) {
                if (frame.data() != null) {
                    try {
                        events.add(JSON.readTree(frame.data()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            return events;
        }

        /** The answer as a client puts it together from the deltas. */
        String answerText() {
            StringBuilder text = new StringBuilder();
            for (JsonNode event : events()) {
                String type = event.path("event").asText();
                if (type.equals("message") || type.equals("agent_message")) {
                    text.append(event.path("answer").asText());
                } else if (type.equals("message_replace")) {
                    text.setLength(0);
                    text.append(event.path("answer").asText());
                }
            }
            return text.toString();
        }
    }
}
