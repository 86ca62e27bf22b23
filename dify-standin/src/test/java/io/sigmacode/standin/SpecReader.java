package io.sigmacode.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The data of each event a stream dispatches, read as the WHATWG HTML event-stream interpretation reads it. */
final class SpecReader {

    private SpecReader() {
    }

    static List<JsonNode> dataEvents(String stream) {
        List<JsonNode> events = new ArrayList<>();
        StringBuilder data = null;
        int i = 0;
        while (i <= stream.length()) {
            int end = i;
            while (end < stream.length() && stream.charAt(end) != '\n' && stream.charAt(end) != '\r') {
                end++;
            }
            if (end == stream.length()) {
                break;
            }
            String line = stream.substring(i, end);
            i = stream.charAt(end) == '\r' && end + 1 < stream.length() && stream.charAt(end + 1) == '\n'
                    ? end + 2 : end + 1;
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(Samples.parse(data.toString()));
                }
                data = null;
            } else if (line.startsWith("data")) {
                String value = line.length() > 4 && line.charAt(4) == ':' ? line.substring(5) : "";
                value = value.startsWith(" ") ? value.substring(1) : value;
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return events;
    }
}
