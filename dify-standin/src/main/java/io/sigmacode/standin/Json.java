package io.sigmacode.standin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** One shared mapper: Jackson's defaults already give the compact, raw-UTF-8 output that current Dify streams. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String string(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empty when the body is empty, malformed, or not a JSON object: Dify answers all three alike. */
    static Optional<ObjectNode> parseObject(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static ObjectNode errorBody(DifyError error) {
        ObjectNode body = object();
        body.put("code", error.code());
        body.put("message", error.message());
        body.put("status", error.status());
        return body;
    }

    static ObjectNode usage(Usage usage, double latencySeconds) {
        ObjectNode node = object();
        node.put("prompt_tokens", usage.promptTokens());
        node.put("prompt_unit_price", usage.promptUnitPrice().toPlainString());
        node.put("prompt_price_unit", usage.priceUnit().toPlainString());
        node.put("prompt_price", usage.promptPrice().toPlainString());
        node.put("completion_tokens", usage.completionTokens());
        node.put("completion_unit_price", usage.completionUnitPrice().toPlainString());
        node.put("completion_price_unit", usage.priceUnit().toPlainString());
        node.put("completion_price", usage.completionPrice().toPlainString());
        node.put("total_tokens", usage.totalTokens());
        node.put("total_price", usage.totalPrice().toPlainString());
        node.put("currency", usage.currency());
        node.put("latency", latencySeconds);
        return node;
    }
}
