package io.sigmacode.gateway.proxy.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A workflow's {@code outputs}: any JSON its end node produced, answer text wherever it sits. Every string in it is
 * post-checked on its own, so the shape the client expects is kept when one is redacted.
 */
public final class WorkflowOutputs {

    private WorkflowOutputs() {
    }

    /**
     * Passes every string of {@code outputs} (at any depth) through {@code check} and writes back what it returns.
     *
     * @return false when {@code check} returned null for one (the answer must be withheld); the rest is then unchecked
     */
    public static boolean check(JsonNode outputs, UnaryOperator<String> check) {
        if (outputs instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isTextual()) {
                    String checked = check.apply(field.getValue().asText());
                    if (checked == null) {
                        return false;
                    }
                    field.setValue(TextNode.valueOf(checked));
                } else if (!check(field.getValue(), check)) {
                    return false;
                }
            }
        } else if (outputs instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    String checked = check.apply(array.get(i).asText());
                    if (checked == null) {
                        return false;
                    }
                    array.set(i, TextNode.valueOf(checked));
                } else if (!check(array.get(i), check)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The length of all its text, for the estimate when Dify reports no usage. */
    public static long textLength(JsonNode outputs) {
        long[] length = {0};
        check(outputs.deepCopy(), text -> {
            length[0] += text.length();
            return text;
        });
        return length[0];
    }
}
