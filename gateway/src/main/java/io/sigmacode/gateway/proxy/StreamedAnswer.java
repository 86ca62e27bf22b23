package io.sigmacode.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigmacode.gateway.proxy.settlement.CallSettlement;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.pricing.Usage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * One streamed answer as it passes: which frames go to the client (unchanged where the firewall had nothing to
 * change), what Dify reported as usage, and how the stream ended. Frames other than answer chunks, pings included,
 * pass through byte for byte.
 */
final class StreamedAnswer {

    /** Events whose {@code data.outputs} carry what the model wrote. */
    private static final Set<String> WITH_OUTPUTS = Set.of("node_finished", "iteration_completed", "loop_completed",
            "workflow_finished");

    private final ObjectMapper json = new ObjectMapper();
    private final AnswerGuard guard;
    private final int policyVersion;
    private ObjectNode lastMessage;
    private Usage usage;
    private boolean finished;
    private boolean blocked;
    private int clientStatus = 200;
    private String failureCode;
    private String failureMessage;
    private long firstByteNanos;
    private final long startedNanos = System.nanoTime();

    StreamedAnswer(AnswerGuard guard, int policyVersion) {
        this.guard = guard;
        this.policyVersion = policyVersion;
    }

    List<byte[]> onFrame(byte[] frame) {
        if (firstByteNanos == 0) {
            firstByteNanos = System.nanoTime();
        }
        ObjectNode event = blocked ? null : dataOf(frame);
        if (event != null && WITH_OUTPUTS.contains(event.path("event").asText())) {
            // A chatflow sends these after message_end too, with the whole answer in their outputs.
            return withOutputs(frame, event);
        }
        if (finished || event == null) {
            return List.of(frame);
        }
        return switch (event.path("event").asText()) {
            case "message", "agent_message", "text_chunk" -> chunk(frame, event);
            case "message_end" -> {
                JsonNode reported = event.path("metadata").path("usage");
                usage = CallSettlement.usage(reported);
                yield ending(frame);
            }
            case "error" -> {
                clientStatus = event.path("status").asInt(500);
                failureCode = event.path("code").asText("upstream_error");
                failureMessage = event.path("message").asText("");
                yield ending(frame);
            }
            default -> List.of(frame);
        };
    }

    /**
     * The stream ended: normally (error null), cut, or idle for too long. What is still held back is released, and
     * an end Dify did not send is told to the client in-band, as Dify itself would.
     */
    List<byte[]> onEnd(Throwable error) {
        if (finished || blocked) {
            return List.of();
        }
        List<byte[]> frames = new ArrayList<>(ending(null));
        if (blocked) {
            return frames;
        }
        boolean timedOut = error instanceof TimeoutException;
        clientStatus = timedOut ? 504 : 502;
        failureCode = timedOut ? "upstream_timeout" : "upstream_unavailable";
        failureMessage = timedOut ? "Dify stopped sending before the answer was complete."
                : "Dify closed the stream before the answer was complete.";
        frames.add(errorFrame(clientStatus, failureCode, failureMessage));
        return frames;
    }

    private List<byte[]> chunk(byte[] frame, ObjectNode event) {
        lastMessage = event;
        String chunk = textOf(event);
        String released = guard.accept(chunk);
        if (released == null) {
            return block();
        }
        if (released.equals(chunk)) {
            return List.of(frame);
        }
        return List.of(dataFrame(withText(event, released)));
    }

    /**
     * A node's, loop's or the whole run's outputs: every text in them is post-checked. {@code workflow_finished} ends
     * a workflow run; its usage counts only if {@code message_end} brought none, so a chatflow is not charged twice.
     */
    private List<byte[]> withOutputs(byte[] frame, ObjectNode event) {
        boolean runFinished = "workflow_finished".equals(event.path("event").asText());
        if (runFinished && usage == null) {
            usage = CallSettlement.workflowUsage(event.path("data"));
        }
        ObjectNode checked = event.deepCopy();
        if (!WorkflowOutputs.check(checked.path("data").path("outputs"), guard::checkWhole)) {
            return block();
        }
        byte[] out = checked.equals(event) ? frame : dataFrame(checked);
        return finished || !runFinished ? List.of(out) : ending(out);
    }

    /** Chat and completion chunks carry their text in {@code answer}, a workflow's {@code text_chunk} in data.text. */
    private static String textOf(ObjectNode event) {
        return "text_chunk".equals(event.path("event").asText()) ? event.path("data").path("text").asText("")
                : event.path("answer").asText("");
    }

    private static ObjectNode withText(ObjectNode event, String text) {
        ObjectNode copy = event.deepCopy();
        if ("text_chunk".equals(copy.path("event").asText()) && copy.get("data") instanceof ObjectNode data) {
            data.put("text", text);
        } else {
            copy.put("answer", text);
        }
        return copy;
    }

    /** Releases what was held back in a last answer chunk, then the frame that ends the answer. */
    private List<byte[]> ending(byte[] frame) {
        finished = true;
        String rest = guard.finish();
        if (rest == null) {
            return block();
        }
        List<byte[]> frames = new ArrayList<>(2);
        if (!rest.isEmpty() && lastMessage != null) {
            frames.add(dataFrame(withText(lastMessage, rest)));
        }
        if (frame != null) {
            frames.add(frame);
        }
        return frames;
    }

    private List<byte[]> block() {
        blocked = true;
        finished = true;
        clientStatus = 403;
        return List.of(errorFrame(403, "firewall_blocked", "The rest of the answer was withheld by the firewall."));
    }

    private byte[] errorFrame(int status, String code, String message) {
        ObjectNode error = json.createObjectNode().put("event", "error").put("status", status).put("code", code)
                .put("message", message);
        return dataFrame(error);
    }

    private byte[] dataFrame(ObjectNode event) {
        try {
            return ("data: " + json.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("a parsed event always serialises", e);
        }
    }

    private ObjectNode dataOf(byte[] frame) {
        String text = new String(frame, StandardCharsets.UTF_8);
        if (!text.startsWith("data:")) {
            return null;
        }
        try {
            return json.readTree(text.substring("data:".length()).strip()) instanceof ObjectNode node ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    boolean blocked() {
        return blocked;
    }

    /** Null when Dify reported none (the stream failed or was cut before {@code message_end}). */
    Usage usage() {
        return usage;
    }

    /** Null unless the stream ended in Dify's error event, was cut or went idle: a failed call, still charged. */
    String failureCode() {
        return failureCode;
    }

    String failureMessage() {
        return failureMessage;
    }

    int clientStatus() {
        return clientStatus;
    }

    long releasedChars() {
        return guard.releasedLength();
    }

    long timeToFirstByteMillis() {
        return firstByteNanos == 0 ? 0 : (firstByteNanos - startedNanos) / 1_000_000;
    }

    FirewallCheck postCheck() {
        return new FirewallCheck(Stage.POST, guard.verdict(), guard.findings(), policyVersion, guard.scanMicros(),
                guard.reason());
    }
}
