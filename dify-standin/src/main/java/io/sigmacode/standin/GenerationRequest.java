package io.sigmacode.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.UUID;

/** A generation body that passed the same checks Dify makes, in Dify's order. */
record GenerationRequest(String user, ObjectNode inputs, boolean streaming, String conversationId) {

    /** Either a valid request or the error Dify would answer with. */
    record Outcome(GenerationRequest request, DifyError error) {
    }

    static Outcome validate(GenerationRoute route, AppMode mode, ObjectNode body) {
        Optional<DifyError> userError = requireUser(body);
        if (userError.isPresent()) {
            return new Outcome(null, userError.get());
        }
        if (!route.accepts(mode)) {
            return new Outcome(null, route.wrongModeError());
        }
        if (!(body.get("inputs") instanceof ObjectNode inputs)) {
            return new Outcome(null, DifyError.INPUTS_MISSING);
        }
        if (route == GenerationRoute.CHAT && !body.path("query").isTextual()) {
            return new Outcome(null, DifyError.QUERY_MISSING);
        }
        JsonNode responseMode = body.path("response_mode");
        boolean streaming;
        if (responseMode.isMissingNode() || responseMode.isNull()) {
            streaming = false;
        } else if ("streaming".equals(responseMode.asText()) && responseMode.isTextual()) {
            streaming = true;
        } else if ("blocking".equals(responseMode.asText()) && responseMode.isTextual()) {
            streaming = false;
        } else {
            return new Outcome(null, DifyError.BAD_RESPONSE_MODE);
        }
        String conversationId = route == GenerationRoute.CHAT ? body.path("conversation_id").asText("") : "";
        if (!conversationId.isBlank() && !isUuid(conversationId)) {
            return new Outcome(null, DifyError.BAD_CONVERSATION_ID);
        }
        if (mode == AppMode.AGENT_CHAT && !streaming) {
            return new Outcome(null, DifyError.AGENT_BLOCKING);
        }
        return new Outcome(new GenerationRequest(body.get("user").asText(), inputs, streaming, conversationId), null);
    }

    /** Dify's FetchUserArg rejects a missing, null or empty user before the controller runs. */
    static Optional<DifyError> requireUser(ObjectNode body) {
        JsonNode user = body.path("user");
        return user.isTextual() && !user.asText().isEmpty() ? Optional.empty() : Optional.of(DifyError.USER_MISSING);
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return value.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
