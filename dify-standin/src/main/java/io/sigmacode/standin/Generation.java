package io.sigmacode.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/** The identifiers and content of one simulated run; every run gets fresh UUIDs like a real Dify task. */
record Generation(AppMode mode, String taskId, String messageId, String conversationId, String workflowRunId,
                  String workflowId, long createdAt, String answer, Usage usage, String user, ObjectNode inputs) {

    static Generation create(AppMode mode, String conversationId, String answer, Usage usage, String user,
                             ObjectNode inputs) {
        String conversation = conversationId == null || conversationId.isBlank()
                ? UUID.randomUUID().toString() : conversationId;
        return new Generation(mode, UUID.randomUUID().toString(), UUID.randomUUID().toString(), conversation,
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), Instant.now().getEpochSecond(),
                answer, usage, user, inputs);
    }
}
