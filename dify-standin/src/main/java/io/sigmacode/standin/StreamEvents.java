package io.sigmacode.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Single SSE event payloads. Key order follows Dify's converters: a per-app prefix
 * (chat: event, conversation_id, message_id, created_at; completion: event, message_id, created_at;
 * workflow: event, workflow_run_id) followed by the event's own fields.
 */
final class StreamEvents {

    private StreamEvents() {
    }

    /** Chatflow answers come from the LLM node, so their deltas name it; plain chat and completion send null. */
    static ObjectNode message(Generation run, String chunk) {
        ObjectNode event = prefix(run, "message");
        event.put("task_id", run.taskId());
        event.put("id", run.messageId());
        event.put("answer", chunk);
        if (run.mode() == AppMode.ADVANCED_CHAT) {
            event.putArray("from_variable_selector").add("llm").add("text");
        } else {
            event.putNull("from_variable_selector");
        }
        return event;
    }

    /**
     * One step of an agent: Dify sends the same thought id again as it fills in, first with the tool call, then with
     * the tool's observation.
     */
    static ObjectNode agentThought(Generation run, String thoughtId, String thought, String toolInput,
                                   String observation) {
        ObjectNode event = chatPrefix(run, "agent_thought");
        event.put("task_id", run.taskId());
        event.put("id", thoughtId);
        event.put("position", 1);
        event.put("thought", thought);
        event.put("observation", observation);
        event.put("tool", "web_search");
        event.putObject("tool_labels").putObject("web_search").put("en_US", "Web search");
        event.put("tool_input", toolInput);
        event.putArray("message_files");
        return event;
    }

    /** Output moderation replaced the whole answer so far. */
    static ObjectNode messageReplace(Generation run, String answer) {
        ObjectNode event = prefix(run, "message_replace");
        event.put("task_id", run.taskId());
        event.put("answer", answer);
        event.put("reason", "output_moderation");
        return event;
    }

    static ObjectNode agentMessage(Generation run, String chunk) {
        ObjectNode event = chatPrefix(run, "agent_message");
        event.put("task_id", run.taskId());
        event.put("id", run.messageId());
        event.put("answer", chunk);
        return event;
    }

    static ObjectNode messageEnd(Generation run, double latencySeconds) {
        ObjectNode event = prefix(run, "message_end");
        event.put("task_id", run.taskId());
        event.put("id", run.messageId());
        ObjectNode metadata = event.putObject("metadata");
        metadata.set("usage", Json.usage(run.usage(), latencySeconds));
        metadata.putArray("retriever_resources");
        event.putArray("files");
        return event;
    }

    static ObjectNode textChunk(Generation run, String chunk) {
        ObjectNode event = workflowPrefix(run, "text_chunk");
        event.put("task_id", run.taskId());
        ObjectNode data = event.putObject("data");
        data.put("text", chunk);
        data.putArray("from_variable_selector").add("llm").add("text");
        return event;
    }

    static ObjectNode workflowStarted(Generation run) {
        ObjectNode event = graphPrefix(run, "workflow_started");
        putTaskAndRun(event, run);
        ObjectNode data = event.putObject("data");
        data.put("id", run.workflowRunId());
        data.put("workflow_id", run.workflowId());
        data.set("inputs", run.inputs().deepCopy());
        data.put("created_at", run.createdAt());
        data.put("reason", "initial");
        return event;
    }

    static ObjectNode nodeStarted(Generation run, WorkflowNode node) {
        ObjectNode event = graphPrefix(run, "node_started");
        putTaskAndRun(event, run);
        ObjectNode data = event.putObject("data");
        nodeIdentity(data, node);
        data.putNull("inputs");
        data.put("inputs_truncated", false);
        data.put("created_at", run.createdAt());
        data.putObject("extras");
        data.putNull("iteration_id");
        data.putNull("loop_id");
        return event;
    }

    /** Only the LLM node reports usage, as in Dify: process_data.usage, outputs.usage and execution_metadata. */
    static ObjectNode nodeFinished(Generation run, WorkflowNode node, double elapsedSeconds) {
        ObjectNode event = graphPrefix(run, "node_finished");
        putTaskAndRun(event, run);
        ObjectNode data = event.putObject("data");
        nodeIdentity(data, node);
        data.putObject("inputs");
        data.put("inputs_truncated", false);
        if (node.isLlm()) {
            ObjectNode processData = data.putObject("process_data");
            processData.put("model_mode", "chat");
            processData.put("model_provider", "langgenius/openai/openai");
            processData.put("model_name", "gpt-4o-mini");
            processData.set("usage", Json.usage(run.usage(), elapsedSeconds));
            processData.put("finish_reason", "stop");
        } else {
            data.putNull("process_data");
        }
        data.put("process_data_truncated", false);
        ObjectNode outputs = data.putObject("outputs");
        if (node.isLlm()) {
            outputs.put("text", run.answer());
            outputs.set("usage", Json.usage(run.usage(), elapsedSeconds));
            outputs.put("finish_reason", "stop");
        } else if (node.isEnd()) {
            outputs.put("result", run.answer());
        }
        data.put("outputs_truncated", false);
        data.put("status", "succeeded");
        data.putNull("error");
        data.put("elapsed_time", elapsedSeconds);
        if (node.isLlm()) {
            ObjectNode metadata = data.putObject("execution_metadata");
            metadata.put("total_tokens", run.usage().totalTokens());
            metadata.put("total_price", run.usage().totalPrice().toPlainString());
            metadata.put("currency", run.usage().currency());
        } else {
            data.putNull("execution_metadata");
        }
        data.put("created_at", run.createdAt());
        data.put("finished_at", run.createdAt() + (long) Math.ceil(elapsedSeconds));
        data.putArray("files");
        data.putNull("iteration_id");
        data.putNull("loop_id");
        return event;
    }

    static ObjectNode workflowFinished(Generation run, double latencySeconds, int steps) {
        ObjectNode event = graphPrefix(run, "workflow_finished");
        putTaskAndRun(event, run);
        ObjectNode data = event.putObject("data");
        BlockingBodies.putRunResult(data, run, latencySeconds, steps);
        ObjectNode createdBy = data.putObject("created_by");
        createdBy.put("id", UUID.nameUUIDFromBytes(run.user().getBytes(StandardCharsets.UTF_8)).toString());
        createdBy.put("user", run.user());
        data.put("created_at", run.createdAt());
        data.put("finished_at", run.createdAt() + (long) Math.ceil(latencySeconds));
        data.put("exceptions_count", 0);
        data.putArray("files");
        return event;
    }

    /** A run stopped through the stop endpoint: finished, with the tokens spent so far, status stopped. */
    static ObjectNode workflowStopped(Generation run, double latencySeconds) {
        ObjectNode event = workflowFinished(run, latencySeconds, 1);
        ((ObjectNode) event.get("data")).put("status", "stopped");
        return event;
    }

    /** Error events carry the envelope but no task_id; field order differs between the chat and workflow converters. */
    static ObjectNode error(Generation run, DifyError error) {
        ObjectNode event = prefix(run, "error");
        event.put("code", error.code());
        if (run.mode() == AppMode.WORKFLOW) {
            event.put("message", error.message());
            event.put("status", error.status());
        } else {
            event.put("status", error.status());
            event.put("message", error.message());
        }
        return event;
    }

    private static void nodeIdentity(ObjectNode data, WorkflowNode node) {
        data.put("id", node.executionId());
        data.put("node_id", node.nodeId());
        data.put("node_type", node.nodeType());
        data.put("title", node.title());
        data.put("index", node.index());
        data.put("predecessor_node_id", node.predecessor());
    }

    private static ObjectNode prefix(Generation run, String eventName) {
        return switch (run.mode()) {
            case WORKFLOW -> workflowPrefix(run, eventName);
            case COMPLETION -> completionPrefix(run, eventName);
            default -> chatPrefix(run, eventName);
        };
    }

    /** Chatflow graph events use the chat envelope; workflow apps the workflow one. */
    private static ObjectNode graphPrefix(Generation run, String eventName) {
        return run.mode() == AppMode.ADVANCED_CHAT ? chatPrefix(run, eventName) : workflowPrefix(run, eventName);
    }

    /**
     * The event model dumps task_id then workflow_run_id after the prefix; a key the workflow prefix already holds
     * keeps its place, exactly as Python's dict.update does.
     */
    private static void putTaskAndRun(ObjectNode event, Generation run) {
        event.put("task_id", run.taskId());
        event.put("workflow_run_id", run.workflowRunId());
    }

    private static ObjectNode chatPrefix(Generation run, String eventName) {
        ObjectNode event = Json.object();
        event.put("event", eventName);
        event.put("conversation_id", run.conversationId());
        event.put("message_id", run.messageId());
        event.put("created_at", run.createdAt());
        return event;
    }

    private static ObjectNode completionPrefix(Generation run, String eventName) {
        ObjectNode event = Json.object();
        event.put("event", eventName);
        event.put("message_id", run.messageId());
        event.put("created_at", run.createdAt());
        return event;
    }

    private static ObjectNode workflowPrefix(Generation run, String eventName) {
        ObjectNode event = Json.object();
        event.put("event", eventName);
        event.put("workflow_run_id", run.workflowRunId());
        return event;
    }
}
