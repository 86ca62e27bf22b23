package io.sigmacode.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How the stand-in writes its events on the wire. {@link #DIFY} is what Dify sends; the others are framings the SSE
 * specification reads as the same events, for testing a consumer's parser: other line ends, comments and extra blank
 * lines, an {@code event:} line first, data spread over several {@code data:} lines, and network chunks that end
 * inside a multi-byte UTF-8 character.
 */
public enum StreamFraming {
    /** {@code data: <json>\n\n} and {@code event: ping\n\n}. */
    DIFY,
    /** Every line ended by CRLF. */
    CRLF,
    /** Every line ended by a lone CR. */
    CR,
    /** A comment line and a stray blank line before every event. */
    COMMENTS,
    /** An {@code event:} line before the data, and no space after {@code data:}. */
    EVENT_LINE_FIRST,
    /** Each top-level field of the JSON on its own {@code data:} line (joined with LF by the reader). */
    MULTI_LINE_DATA,
    /** Dify's framing, each frame written in two network chunks cut inside its first multi-byte character. */
    SPLIT_UTF8;

    /** The network chunks of one data event. */
    List<byte[]> event(ObjectNode event) {
        String json = Json.string(event);
        String frame = switch (this) {
            case DIFY, SPLIT_UTF8 -> "data: " + json + "\n\n";
            case CRLF -> "data: " + json + "\r\n\r\n";
            case CR -> "data: " + json + "\r\r";
            case COMMENTS -> "\n: the stand-in\ndata: " + json + "\n\n";
            case EVENT_LINE_FIRST -> "event: " + event.path("event").asText("message") + "\ndata:" + json + "\n\n";
            case MULTI_LINE_DATA -> multiLine(event);
        };
        return chunks(frame);
    }

    /** The network chunks of a keep-alive. */
    List<byte[]> ping() {
        return chunks(switch (this) {
            case CRLF -> "event: ping\r\n\r\n";
            case CR -> "event: ping\r\r";
            case COMMENTS -> ": ping\n\nevent: ping\n\n";
            default -> "event: ping\n\n";
        });
    }

    private List<byte[]> chunks(String frame) {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        if (this != SPLIT_UTF8) {
            return List.of(bytes);
        }
        int cut = bytes.length / 2;
        for (int i = 0; i < bytes.length; i++) {
            if ((bytes[i] & 0xC0) == 0xC0) {
                cut = i + 1;
                break;
            }
        }
        List<byte[]> chunks = new ArrayList<>(2);
        chunks.add(Arrays.copyOfRange(bytes, 0, cut));
        chunks.add(Arrays.copyOfRange(bytes, cut, bytes.length));
        return chunks;
    }

    private static String multiLine(ObjectNode event) {
        StringBuilder frame = new StringBuilder("data: {");
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            frame.append(Json.string(Json.object().textNode(field.getKey()))).append(':')
                    .append(Json.string(field.getValue()));
            frame.append(it.hasNext() ? ",\ndata: " : "}\n\n");
        }
        return event.isEmpty() ? "data: {}\n\n" : frame.toString();
    }
}
