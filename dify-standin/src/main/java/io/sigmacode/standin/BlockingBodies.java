package io.sigmacode.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Blocking response bodies, keys in the order of Dify's convert_blocking_full_response. */
final class BlockingBodies {

    private static final int WORKFLOW_STEPS = 3;

    private BlockingBodies() {
    }

    static ObjectNode message(Generation run, double latencySeconds) {
        ObjectNode body = Json.object();
        body.put("event", "message");
        body.put("task_id", run.taskId());
        body.put("id", run.messageId());
        body.put("message_id", run.messageId());
        if (run.mode().isChatFamily()) {
            body.put("conversation_id", run.conversationId());
        }
        body.put("mode", run.mode().wireName());
        body.put("answer", run.answer());
        ObjectNode metadata = body.putObject("metadata");
        metadata.set("usage", Json.usage(run.usage(), latencySeconds));
        metadata.putArray("retriever_resources");
        body.put("created_at", run.createdAt());
        return body;
    }

    static ObjectNode workflow(Generation run, double latencySeconds) {
        ObjectNode body = Json.object();
        body.put("task_id", run.taskId());
        body.put("workflow_run_id", run.workflowRunId());
        ObjectNode data = body.putObject("data");
        putRunResult(data, run, latencySeconds, WORKFLOW_STEPS);
        data.put("created_at", run.createdAt());
        data.put("finished_at", run.createdAt() + (long) Math.ceil(latencySeconds));
        return body;
    }

    /** The fields a finished run shares between the blocking body and the {@code workflow_finished} event, in order. */
    static void putRunResult(ObjectNode data, Generation run, double latencySeconds, int steps) {
        data.put("id", run.workflowRunId());
        data.put("workflow_id", run.workflowId());
        data.put("status", "succeeded");
        data.putObject("outputs").put("result", run.answer());
        data.putNull("error");
        data.put("elapsed_time", latencySeconds);
        data.put("total_tokens", run.usage().totalTokens());
        data.put("total_steps", steps);
    }
}
