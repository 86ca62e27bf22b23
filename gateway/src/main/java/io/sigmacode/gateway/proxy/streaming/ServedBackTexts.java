package io.sigmacode.gateway.proxy.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sigmacode.gateway.proxy.pipeline.ProxyRoute;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where model output sits in what Dify serves back later: Dify keeps the unredacted original of every answer, so
 * message history, conversation variables and names, suggested questions, workflow run detail and logs, and a
 * transcription are post-checked as a fresh answer is. A path is a list of field names, {@code *} for every element
 * or field, and {@code **} for every text at any depth below. Only these texts are scanned: ids and timestamps are
 * not model output and would only add false findings.
 */
public final class ServedBackTexts {

    private ServedBackTexts() {
    }

    /** The paths of model text in a successful answer on this route; empty when it carries none. */
    public static List<String[]> of(ProxyRoute route) {
        List<String> paths = switch (route) {
            case MESSAGES -> List.of("data/*/answer", "data/*/retriever_resources/*/content",
                    "data/*/agent_thoughts/*/thought", "data/*/agent_thoughts/*/observation");
            case SUGGESTED -> List.of("data/*");
            case CONVERSATIONS -> List.of("data/*/name");
            case CONVERSATION_RENAME -> List.of("name");
            case CONVERSATION_VARIABLES -> List.of("data/*/value");
            case CONVERSATION_VARIABLE_UPDATE -> List.of("value");
            case WORKFLOW_RUN_DETAIL -> List.of("outputs/**", "error");
            case WORKFLOW_LOGS -> List.of("data/*/workflow_run/outputs/**", "data/*/workflow_run/error");
            case AUDIO_TO_TEXT -> List.of("text");
            default -> List.of();
        };
        List<String[]> split = new ArrayList<>();
        paths.forEach(path -> split.add(path.split("/")));
        return split;
    }

    /**
     * Passes every text on the paths through {@code check} and writes back what it returns.
     *
     * @return false when {@code check} returned null for one (the body must be withheld)
     */
    public static boolean check(JsonNode body, List<String[]> paths, UnaryOperator<String> check) {
        for (String[] path : paths) {
            if (!visit(body, path, 0, check)) {
                return false;
            }
        }
        return true;
    }

    private static boolean visit(JsonNode node, String[] path, int at, UnaryOperator<String> check) {
        if (at == path.length - 1 && !path[at].equals("**")) {
            return replace(node, path[at], check);
        }
        String step = path[at];
        if (step.equals("**")) {
            return WorkflowOutputs.check(node, check);
        }
        if (step.equals("*")) {
            for (JsonNode child : children(node)) {
                if (!visit(child, path, at + 1, check)) {
                    return false;
                }
            }
            return true;
        }
        JsonNode child = node.get(step);
        return child == null || visit(child, path, at + 1, check);
    }

    /** The last step: a named field, or {@code *} for every element of an array of texts. */
    private static boolean replace(JsonNode parent, String step, UnaryOperator<String> check) {
        if (step.equals("*") && parent instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    String checked = check.apply(array.get(i).asText());
                    if (checked == null) {
                        return false;
                    }
                    array.set(i, TextNode.valueOf(checked));
                }
            }
            return true;
        }
        if (parent instanceof ObjectNode object && object.get(step) != null && object.get(step).isTextual()) {
            String checked = check.apply(object.get(step).asText());
            if (checked == null) {
                return false;
            }
            object.put(step, checked);
        }
        return true;
    }

    private static List<JsonNode> children(JsonNode node) {
        List<JsonNode> children = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(children::add);
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                children.add(it.next().getValue());
            }
        }
        return children;
    }
}
