package io.sigmacode.gateway.proxy.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where an event that streams text carries its piece of it. */
enum StreamedText {
    /** {@code message} and {@code agent_message}: a delta of the answer. */
    ANSWER(null, "answer"),
    /** A workflow's {@code text_chunk}. */
    DATA_TEXT("data", "text"),
    /** A chatflow's or workflow's {@code reasoning_chunk}: the model's reasoning, kept apart from the answer. */
    DATA_REASONING("data", "reasoning");

    private final String parent;
    private final String field;

    StreamedText(String parent, String field) {
        this.parent = parent;
        this.field = field;
    }

    String of(ObjectNode event) {
        return (parent == null ? event : event.path(parent)).path(field).asText("");
    }

    /** A copy of the event carrying {@code text} instead. */
    ObjectNode with(ObjectNode event, String text) {
        ObjectNode copy = event.deepCopy();
        if (parent == null) {
            copy.put(field, text);
        } else if (copy.get(parent) instanceof ObjectNode inner) {
            inner.put(field, text);
        }
        return copy;
    }
}
