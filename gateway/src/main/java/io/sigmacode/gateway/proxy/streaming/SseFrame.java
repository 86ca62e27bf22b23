package io.sigmacode.gateway.proxy.streaming;

import java.nio.charset.StandardCharsets;

/**
 * One event of a stream as it came from Dify: its bytes, whatever their framing, and what the SSE specification makes
 * of them. {@code data} is null when the frame dispatches no event (a ping without data, a comment, a stray blank
 * line); {@code type} is the {@code event:} field, {@code message} when there is none.
 */
record SseFrame(byte[] raw, String type, String data) {

    /** Parses one frame's lines as the WHATWG HTML "event stream interpretation" does. */
    static SseFrame of(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        String type = "";
        StringBuilder data = null;
        int i = 0;
        while (i < text.length()) {
            int end = i;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            String line = text.substring(i, end);
            i = end < text.length() && text.charAt(end) == '\r' && end + 1 < text.length()
                    && text.charAt(end + 1) == '\n' ? end + 2 : end + 1;
            if (line.isEmpty() || line.charAt(0) == ':') {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("event")) {
                type = value;
            } else if (field.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return new SseFrame(raw, type.isEmpty() ? "message" : type, data == null ? null : data.toString());
    }

    /** A frame the gateway writes: Dify's own framing, {@code data: <json>} and a blank line, LF only. */
    static byte[] dataFrame(String type, String json) {
        String prefix = "message".equals(type) ? "" : "event: " + type + "\n";
        return (prefix + "data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
