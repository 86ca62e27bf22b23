package io.sigmacode.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/** Reads the reference samples from shared/dify/samples, copied to test resources, and splits SSE bodies. */
final class Samples {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Samples() {
    }

    static String text(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/dify-samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String name) {
        return parse(text(name));
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Frames of an SSE body; the body must end with the blank line that closes its last frame. */
    static List<String> frames(String body) {
        if (!body.endsWith("\n\n")) {
            throw new AssertionError("SSE body does not end with \\n\\n: " + body);
        }
        return Arrays.asList(body.substring(0, body.length() - 2).split("\n\n", -1));
    }

    /** The JSON of each data frame, skipping pings. */
    static List<JsonNode> dataEvents(String body) {
        List<JsonNode> events = new ArrayList<>();
        for (String frame : frames(body)) {
            if (frame.startsWith("data: ")) {
                events.add(parse(frame.substring("data: ".length())));
            }
        }
        return events;
    }

    static List<String> eventNames(List<JsonNode> events) {
        return events.stream().map(event -> event.get("event").asText()).toList();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> iterator = node.fieldNames();
        iterator.forEachRemaining(names::add);
        return names;
    }
}
