package io.sigmacode.gateway.proxy.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigmacode.firewall.StreamingRestorer;
import io.sigmacode.gateway.proxy.settlement.CallSettlement;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.pricing.Usage;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * One streamed answer as it passes: which frames go to the client, what Dify reported as usage, and how the stream
 * ended. Frames keep their order and their bytes: a frame whose text streams (an answer delta) waits in its
 * {@link TextWindow} until it is safe to release, and the frames after it wait behind it; a frame is re-serialised
 * only when the firewall changed its text. Every text of every other event is checked whole ({@link EventTexts}).
 */
final class StreamedAnswer {

    private final ObjectMapper json = new ObjectMapper();
    private final AnswerGuard guard;
    private final StreamingRestorer restorer;
    private final int policyVersion;
    private final TextWindow<Held> answer;
    private final TextWindow<Held> reasoning;
    private final ArrayDeque<Held> queue = new ArrayDeque<>();
    private final StreamOutcome outcome = new StreamOutcome();
    private Held lastAnswerFrame;

    /** @param restorer puts masked personal data back into the answer; null when the prompt had none masked */
    StreamedAnswer(AnswerGuard guard, StreamingRestorer restorer, int policyVersion) {
        this.guard = guard;
        this.restorer = restorer;
        this.policyVersion = policyVersion;
        this.answer = guard.window("answer");
        this.reasoning = guard.window("reasoning");
    }

    List<byte[]> onFrame(SseFrame frame) {
        outcome.firstByte();
        if (outcome.blocked()) {
            afterBlock(frame);
            return List.of();
        }
        Held held = new Held(frame, frame.data() == null ? null : parse(frame.data()));
        queue.add(held);
        if (frame.data() == null) {
            held.pass();
        } else if (held.event == null) {
            String checked = guard.checkWhole(frame.data());
            if (checked == null) {
                return block();
            }
            held.rewrite(checked.equals(frame.data()) ? frame.raw() : SseFrame.dataFrame(frame.type(), checked));
        } else if (!route(held)) {
            return block();
        }
        return flush();
    }

    /** Sends a frame the way its event asks; false when the answer must be withheld from here on. */
    private boolean route(Held held) {
        String event = held.event.path("event").asText("");
        outcome.sawTask(held.event.path("task_id").asText(null));
        return switch (event) {
            case "message", "agent_message" -> streamed(answer, held, StreamedText.ANSWER);
            case "text_chunk" -> streamed(answer, held, StreamedText.DATA_TEXT);
            case "reasoning_chunk" -> streamed(reasoning, held, StreamedText.DATA_REASONING)
                    && (!held.event.path("data").path("is_final").asBoolean(false) || close(reasoning));
            case "message_replace" -> close(answer) && whole(held);
            case "message_end" -> {
                outcome.messageEnd(CallSettlement.usage(held.event.path("metadata").path("usage")));
                yield closeAll() && whole(held);
            }
            case "workflow_finished" -> {
                outcome.workflowFinished(CallSettlement.workflowUsage(held.event.path("data")));
                yield closeAll() && whole(held);
            }
            case "error" -> {
                outcome.error(held.event);
                yield closeAll() && whole(held);
            }
            case "workflow_paused" -> {
                outcome.paused();
                yield closeAll() && whole(held);
            }
            default -> whole(held);
        };
    }

    private boolean streamed(TextWindow<Held> window, Held held, StreamedText text) {
        held.text = text;
        String piece = text.of(held.event);
        if (piece.isEmpty() && window.idle()) {
            held.pass();
            return true;
        }
        window.offer(held, piece);
        return released(window, false);
    }

    private boolean close(TextWindow<Held> window) {
        return released(window, true);
    }

    private boolean closeAll() {
        return close(answer) && close(reasoning);
    }

    private boolean released(TextWindow<Held> window, boolean end) {
        List<TextWindow.Released<Held>> released = window.release(end);
        if (released == null) {
            return false;
        }
        for (TextWindow.Released<Held> piece : released) {
            Held held = piece.owner();
            String text = piece.text();
            if (window == answer && restorer != null) {
                text = restorer.feed(text);
                lastAnswerFrame = held;
            }
            held.rewrite(text.equals(held.text.of(held.event)) ? held.frame.raw()
                    : dataFrame(held.frame.type(), held.text.with(held.event, text)));
        }
        return true;
    }

    private boolean whole(Held held) {
        ObjectNode checked = held.event.deepCopy();
        if (!EventTexts.check(checked, guard::checkWhole)) {
            return false;
        }
        held.rewrite(checked.equals(held.event) ? held.frame.raw() : dataFrame(held.frame.type(), checked));
        return true;
    }

    /** The frames at the head of the queue that are ready, in order. */
    private List<byte[]> flush() {
        List<byte[]> out = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().out != null) {
            out.add(queue.poll().out);
        }
        return out;
    }

    /**
     * The stream ended: normally (error null), cut, or idle for too long. What is still held is released; an end Dify
     * did not send is told to the client in-band, as Dify itself would.
     */
    List<byte[]> onEnd(Throwable error) {
        if (outcome.blocked()) {
            return List.of();
        }
        if (!closeAll()) {
            return block();
        }
        List<byte[]> frames = new ArrayList<>(flush());
        if (restorer != null && lastAnswerFrame != null) {
            String rest = restorer.finish();
            if (!rest.isEmpty()) {
                frames.add(dataFrame("message", lastAnswerFrame.text.with(lastAnswerFrame.event, rest)));
            }
        }
        if (!outcome.ended()) {
            frames.add(dataFrame("message", outcome.cut(error instanceof TimeoutException)));
        }
        return frames;
    }

    /** Nothing more reaches the client, but the usage Dify reports after the stop still counts. */
    private void afterBlock(SseFrame frame) {
        ObjectNode event = frame.data() == null ? null : parse(frame.data());
        String type = event == null ? "" : event.path("event").asText("");
        if (type.equals("message_end")) {
            outcome.messageEnd(CallSettlement.usage(event.path("metadata").path("usage")));
        } else if (type.equals("workflow_finished")) {
            outcome.workflowFinished(CallSettlement.workflowUsage(event.path("data")));
        }
    }

    private List<byte[]> block() {
        outcome.block();
        List<byte[]> frames = new ArrayList<>();
        for (Held held : queue) {
            if (held.out == null) {
                break;
            }
            frames.add(held.out);
        }
        queue.clear();
        frames.add(dataFrame("message", StreamOutcome.errorEvent(403, "firewall_blocked",
                "The rest of the answer was withheld by the firewall.")));
        return frames;
    }

    private byte[] dataFrame(String type, ObjectNode event) {
        try {
            return SseFrame.dataFrame(type, json.writeValueAsString(event));
        } catch (IOException e) {
            throw new IllegalStateException("a parsed event always serialises", e);
        }
    }

    private ObjectNode parse(String data) {
        try {
            return json.readTree(data) instanceof ObjectNode node ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    StreamOutcome outcome() {
        return outcome;
    }

    long releasedChars() {
        return answer.releasedChars();
    }

    FirewallCheck postCheck() {
        return new FirewallCheck(Stage.POST, guard.verdict(), guard.findings(), policyVersion, guard.scanMicros(),
                guard.reason());
    }

    /** A frame on its way: what goes out once it is ready (null while it is held). */
    private static final class Held {
        final SseFrame frame;
        final ObjectNode event;
        StreamedText text;
        byte[] out;

        Held(SseFrame frame, ObjectNode event) {
            this.frame = frame;
            this.event = event;
        }

        void pass() {
            out = frame.raw();
        }

        void rewrite(byte[] bytes) {
            out = bytes;
        }
    }
}
