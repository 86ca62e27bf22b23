package io.sigmacode.gateway.proxy.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigmacode.kernel.pricing.Usage;

/**
 * How a stream went, as far as the settlement cares: the usage Dify reported, how it ended, the task to stop if the
 * client leaves. Usage from {@code message_end} is preferred to {@code workflow_finished}'s total: a chatflow reports
 * both for the same run, and counting it once, with its prompt and completion split, is what Dify itself bills.
 */
final class StreamOutcome {

    private final long startedNanos = System.nanoTime();
    private long firstByteNanos;
    private String taskId;
    private Usage messageUsage;
    private Usage workflowUsage;
    private boolean ended;
    private boolean blocked;
    private int clientStatus = 200;
    private String failureCode;
    private String failureMessage;

    void firstByte() {
        if (firstByteNanos == 0) {
            firstByteNanos = System.nanoTime();
        }
    }

    void sawTask(String id) {
        if (taskId == null && id != null && !id.isEmpty()) {
            taskId = id;
        }
    }

    void messageEnd(Usage usage) {
        ended = true;
        if (usage != null) {
            messageUsage = usage;
        }
    }

    void workflowFinished(Usage usage) {
        ended = true;
        if (usage != null) {
            workflowUsage = usage;
        }
    }

    void paused() {
        ended = true;
    }

    /** Dify's own error event: the call failed, and the client already has the event. */
    void error(JsonNode event) {
        ended = true;
        clientStatus = event.path("status").asInt(500);
        failureCode = event.path("code").asText("upstream_error");
        failureMessage = event.path("message").asText("");
    }

    /** The stream broke off without an end from Dify: the call failed; the event tells the client so. */
    ObjectNode cut(boolean timedOut) {
        ended = true;
        clientStatus = timedOut ? 504 : 502;
        failureCode = timedOut ? "upstream_timeout" : "upstream_unavailable";
        failureMessage = timedOut ? "Dify stopped sending before the answer was complete."
                : "Dify closed the stream before the answer was complete.";
        return errorEvent(clientStatus, failureCode, failureMessage);
    }

    /** The client went away: the call failed from its side, whatever Dify reports after the stop. */
    void clientGone() {
        if (failureCode == null) {
            clientStatus = 499;
            failureCode = "client_closed_request";
            failureMessage = "The client closed the connection before the answer was complete.";
        }
    }

    void block() {
        blocked = true;
        ended = true;
        clientStatus = 403;
    }

    static ObjectNode errorEvent(int status, String code, String message) {
        return JsonNodeFactory.instance.objectNode().put("event", "error").put("status", status).put("code", code)
                .put("message", message);
    }

    boolean ended() {
        return ended;
    }

    boolean blocked() {
        return blocked;
    }

    String taskId() {
        return taskId;
    }

    /** Null when Dify reported none (the stream failed or was cut before its end). */
    Usage usage() {
        return messageUsage != null ? messageUsage : workflowUsage;
    }

    /** Null unless the stream ended in Dify's error event, was cut, went idle or lost its client: a failed call. */
    String failureCode() {
        return failureCode;
    }

    String failureMessage() {
        return failureMessage;
    }

    int clientStatus() {
        return clientStatus;
    }

    long timeToFirstByteMillis() {
        return firstByteNanos == 0 ? 0 : (firstByteNanos - startedNanos) / 1_000_000;
    }
}
