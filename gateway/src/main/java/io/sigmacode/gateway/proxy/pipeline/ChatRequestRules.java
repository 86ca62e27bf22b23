package io.sigmacode.gateway.proxy.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/** Dify's own checks on a chat request (ChatRequestPayload), with Dify's messages. */
final class ChatRequestRules {

    private ChatRequestRules() {
    }

    /** @return Dify's message for the first problem, or null when the request is well-formed */
    static String problem(ObjectNode body) {
        JsonNode query = body.get("query");
        if (query == null || !query.isTextual()) {
            return "query is required";
        }
        JsonNode inputs = body.get("inputs");
        if (inputs != null && !inputs.isNull() && !inputs.isObject()) {
            return "inputs must be an object";
        }
        JsonNode user = body.get("user");
        if (user == null || !user.isTextual() || user.asText().isBlank()) {
            return "Arg user must be provided.";
        }
        JsonNode mode = body.get("response_mode");
        if (mode != null && !mode.isNull() && !"blocking".equals(mode.asText()) && !"streaming".equals(mode.asText())) {
            return "response_mode must be 'blocking' or 'streaming'";
        }
        return null;
    }

    /** What goes to the model: the query and every text input. */
    static String promptText(ObjectNode body) {
        StringBuilder text = new StringBuilder(body.get("query").asText());
        JsonNode inputs = body.get("inputs");
        if (inputs != null && inputs.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = inputs.fields(); it.hasNext(); ) {
                JsonNode value = it.next().getValue();
                if (value.isTextual()) {
                    text.append('\n').append(value.asText());
                }
            }
        }
        return text.toString();
    }
}
