package io.sigmacode.gateway.proxy.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Dify's own checks on a generation request, per route, with Dify's messages, and what of the request goes to the
 * model (the text the pre-check scans).
 */
enum GenerationRules {
    /** ChatRequestPayload. */
    CHAT {
        @Override
        String problem(ObjectNode body) {
            return ChatRequestRules.problem(body);
        }

        @Override
        String promptText(ObjectNode body) {
            return ChatRequestRules.promptText(body);
        }
    },
    /** CompletionRequestPayload: {@code query} is legacy and optional; new apps put the text in the inputs. */
    COMPLETION {
        @Override
        String problem(ObjectNode body) {
            JsonNode query = body.get("query");
            if (query != null && !query.isNull() && !query.isTextual()) {
                return "query must be a string";
            }
            return common(body);
        }

        @Override
        String promptText(ObjectNode body) {
            return body.path("query").asText("") + inputsText(body);
        }
    },
    /**
     * TextToAudioPayload ({@code POST /v1/text-to-audio}): {@code text} is what is spoken, so it is the prompt;
     * {@code message_id} names an answer Dify already has, which was post-checked when it was given.
     */
    SPEECH {
        @Override
        String problem(ObjectNode body) {
            for (String field : new String[] {"text", "message_id", "voice", "user"}) {
                JsonNode value = body.get(field);
                if (value != null && !value.isNull() && !value.isTextual()) {
                    return field + " must be a string";
                }
            }
            return null;
        }

        @Override
        String promptText(ObjectNode body) {
            return body.path("text").asText("");
        }
    },
    /** WorkflowExecutionRequest: the inputs are the whole prompt. */
    WORKFLOW {
        @Override
        String problem(ObjectNode body) {
            return common(body);
        }

        @Override
        String promptText(ObjectNode body) {
            return inputsText(body);
        }
    };

    /** @return Dify's message for the first problem, or null when the request is well-formed */
    abstract String problem(ObjectNode body);

    /** Called only on a request {@link #problem} accepted. */
    abstract String promptText(ObjectNode body);

    /** Dify checks the user first (FetchUserArg), then the payload. */
    private static String common(ObjectNode body) {
        JsonNode user = body.get("user");
        if (user == null || !user.isTextual() || user.asText().isBlank()) {
            return "Arg user must be provided.";
        }
        if (!(body.get("inputs") instanceof ObjectNode)) {
            return "inputs is required";
        }
        JsonNode mode = body.get("response_mode");
        if (mode != null && !mode.isNull() && !"blocking".equals(mode.asText()) && !"streaming".equals(mode.asText())) {
            return "response_mode must be 'blocking' or 'streaming'";
        }
        return null;
    }

    private static String inputsText(ObjectNode body) {
        StringBuilder text = new StringBuilder();
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
