package io.sigmacode.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Which events each app mode streams, in order, rendered in a {@link StreamFraming} (by default the current-main Dify
 * format: compact JSON in {@code data: <json>\n\n} frames and a bare {@code event: ping\n\n} keep-alive).
 */
final class StreamTranscripts {

    private StreamTranscripts() {
    }

    static Transcript build(Generation run, double latencySeconds, Optional<StreamFault> fault,
                            StreamFraming framing, Optional<String> replacement) {
        List<ObjectNode> events = new ArrayList<>(switch (run.mode()) {
            case CHAT, COMPLETION -> messages(run, latencySeconds);
            case AGENT_CHAT -> agentChat(run, latencySeconds);
            case ADVANCED_CHAT -> chatflow(run, latencySeconds);
            case WORKFLOW -> workflow(run, latencySeconds);
        });
        replacement.filter(answer -> run.mode() != AppMode.WORKFLOW).ifPresent(answer -> events.add(
                lastIndexOf(events, "message_end"), StreamEvents.messageReplace(run, answer)));
        return render(run, events, fault, framing, stoppedEnding(run, latencySeconds));
    }

    /**
     * What Dify sends once a task is stopped: the message apps still end with {@code message_end} and the usage
     * counted so far (the stand-in reports its configured usage), a workflow with {@code workflow_finished} stopped.
     */
    private static List<ObjectNode> stoppedEnding(Generation run, double latencySeconds) {
        return switch (run.mode()) {
            case CHAT, COMPLETION, AGENT_CHAT -> List.of(StreamEvents.messageEnd(run, latencySeconds));
            case ADVANCED_CHAT -> List.of(StreamEvents.messageEnd(run, latencySeconds),
                    StreamEvents.workflowStopped(run, latencySeconds));
            case WORKFLOW -> List.of(StreamEvents.workflowStopped(run, latencySeconds));
        };
    }

    /**
     * A null entry in {@code events} stands for the ping frame. Faults count data events only and always strike
     * before the last one, so a faulted stream never carries its terminal event or usage.
     */
    private static Transcript render(Generation run, List<ObjectNode> events, Optional<StreamFault> fault,
                                     StreamFraming framing, List<ObjectNode> stopped) {
        long dataEvents = events.stream().filter(event -> event != null).count();
        long failAt = fault.map(f -> Math.min(f.afterEvents(), dataEvents - 1)).orElse(-1L);
        List<byte[]> ending = new ArrayList<>();
        stopped.forEach(event -> ending.addAll(framing.event(event)));
        List<byte[]> chunks = new ArrayList<>();
        long sent = 0;
        for (ObjectNode event : events) {
            if (sent == failAt) {
                return interrupted(run, chunks, fault.orElseThrow(), framing, ending);
            }
            chunks.addAll(event == null ? framing.ping() : framing.event(event));
            if (event != null) {
                sent++;
            }
        }
        return new Transcript(chunks, false, run.taskId(), ending);
    }

    private static Transcript interrupted(Generation run, List<byte[]> chunks, StreamFault fault,
                                          StreamFraming framing, List<byte[]> ending) {
        if (fault.cutsConnection()) {
            return new Transcript(chunks, true, run.taskId(), ending);
        }
        chunks.addAll(framing.event(StreamEvents.error(run, fault.error())));
        return new Transcript(chunks, false, run.taskId(), ending);
    }

    private static List<ObjectNode> messages(Generation run, double latencySeconds) {
        List<ObjectNode> events = new ArrayList<>();
        addDeltas(events, run, chunk -> StreamEvents.message(run, chunk));
        events.add(StreamEvents.messageEnd(run, latencySeconds));
        return events;
    }

    private static int lastIndexOf(List<ObjectNode> events, String type) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i) != null && type.equals(events.get(i).path("event").asText())) {
                return i;
            }
        }
        return events.size();
    }

    /** The agent looks the answer up with a tool: the thought with the call, again with what the tool saw. */
    private static List<ObjectNode> agentChat(Generation run, double latencySeconds) {
        String thoughtId = UUID.randomUUID().toString();
        String thought = "I should search for this.";
        String toolInput = Json.string(Json.object().set("web_search", Json.object().put("query", "the question")));
        List<ObjectNode> events = new ArrayList<>();
        events.add(StreamEvents.agentThought(run, thoughtId, thought, toolInput, ""));
        events.add(StreamEvents.agentThought(run, thoughtId, thought, toolInput, run.answer()));
        addDeltas(events, run, chunk -> StreamEvents.agentMessage(run, chunk));
        events.add(StreamEvents.messageEnd(run, latencySeconds));
        return events;
    }

    /** Chatflow sends message_end before workflow_finished; a proxy must not stop reading at message_end. */
    private static List<ObjectNode> chatflow(Generation run, double latencySeconds) {
        WorkflowNode llm = WorkflowNode.of("llm", "LLM", 1, null);
        List<ObjectNode> events = new ArrayList<>();
        events.add(StreamEvents.workflowStarted(run));
        events.add(StreamEvents.nodeStarted(run, llm));
        addDeltas(events, run, chunk -> StreamEvents.message(run, chunk));
        events.add(StreamEvents.nodeFinished(run, llm, latencySeconds));
        events.add(StreamEvents.messageEnd(run, latencySeconds));
        events.add(StreamEvents.workflowFinished(run, latencySeconds, 1));
        return events;
    }

    private static List<ObjectNode> workflow(Generation run, double latencySeconds) {
        WorkflowNode start = WorkflowNode.of("start", "Start", 1, null);
        WorkflowNode llm = WorkflowNode.of("llm", "LLM", 2, "start");
        WorkflowNode end = WorkflowNode.of("end", "End", 3, "llm");
        List<ObjectNode> events = new ArrayList<>();
        events.add(StreamEvents.workflowStarted(run));
        events.add(StreamEvents.nodeStarted(run, start));
        events.add(StreamEvents.nodeFinished(run, start, 0.0));
        events.add(StreamEvents.nodeStarted(run, llm));
        addDeltas(events, run, chunk -> StreamEvents.textChunk(run, chunk));
        events.add(StreamEvents.nodeFinished(run, llm, latencySeconds));
        events.add(StreamEvents.nodeStarted(run, end));
        events.add(StreamEvents.nodeFinished(run, end, 0.0));
        events.add(StreamEvents.workflowFinished(run, latencySeconds, 3));
        return events;
    }

    /** Real Dify pings on a 10 s clock; the stand-in always puts one mid-answer so every stream exercises it. */
    private static void addDeltas(List<ObjectNode> events, Generation run, Function<String, ObjectNode> toEvent) {
        List<String> chunks = AnswerChunker.chunks(run.answer());
        int pingAfter = Math.max(1, chunks.size() / 2);
        for (int i = 0; i < chunks.size(); i++) {
            events.add(toEvent.apply(chunks.get(i)));
            if (i + 1 == pingAfter) {
                events.add(null);
            }
        }
    }
}
