package io.sigmacode.gateway.proxy.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The texts of a streamed event that are checked whole: every string at any depth (an agent's thought, observation
 * and tool input, a replaced answer, a node's or run's outputs, retrieved passages, an event the gateway does not know
 * yet) except the fields of the envelope and of {@code data} that name or locate rather than say something: ids,
 * times, statuses, types, links Dify signs, files and TTS audio (base64, not text).
 */
final class EventTexts {

    /** Skipped at the top of the event and of its {@code data}; everything below is checked, whatever its name. */
    static final Set<String> NOT_TEXT = Set.of("event", "id", "task_id", "message_id", "conversation_id",
            "workflow_run_id", "workflow_id", "node_id", "node_execution_id", "node_type", "parent_id",
            "predecessor_node_id", "iteration_id", "loop_id", "parallel_id", "created_at", "finished_at", "status",
            "type", "belongs_to", "url", "remote_url", "files", "message_files", "audio", "created_by",
            "from_variable_selector", "tool_labels");

    private EventTexts() {
    }

    /**
     * Passes every text of {@code event} through {@code check} and writes back what it returns.
     *
     * @return false when {@code check} returned null for one (the answer must be withheld)
     */
    static boolean check(ObjectNode event, UnaryOperator<String> check) {
        if (!checkFields(event, check, true)) {
            return false;
        }
        return !(event.get("data") instanceof ObjectNode data) || checkFields(data, check, false);
    }

    private static boolean checkFields(ObjectNode node, UnaryOperator<String> check, boolean envelope) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            boolean nestedData = envelope && "data".equals(field.getKey()) && value.isObject();
            if (NOT_TEXT.contains(field.getKey()) || nestedData) {
                continue;
            }
            if (value.isTextual()) {
                String checked = check.apply(value.asText());
                if (checked == null) {
                    return false;
                }
                if (!checked.equals(value.asText())) {
                    field.setValue(TextNode.valueOf(checked));
                }
            } else if (!WorkflowOutputs.check(value, check)) {
                return false;
            }
        }
        return true;
    }
}
