package io.sigmacode.gateway.proxy.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigmacode.gateway.support.StorableText;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/** Finds text in a request body that PostgreSQL (the gateway's and Dify's) cannot store, before anything is sent. */
final class StorableJson {

    private StorableJson() {
    }

    private record Visit(String path, JsonNode node) {
    }

    /** @return the first field (as a dotted path) whose name or text cannot be stored, or null when all can */
    static String firstUnstorable(JsonNode root) {
        Deque<Visit> pending = new ArrayDeque<>();
        pending.push(new Visit("", root));
        while (!pending.isEmpty()) {
            Visit visit = pending.pop();
            JsonNode node = visit.node();
            if (node.isTextual() && !StorableText.storable(node.textValue())) {
                return visit.path().isEmpty() ? "the body" : visit.path();
            }
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String path = visit.path().isEmpty() ? field.getKey() : visit.path() + "." + field.getKey();
                    if (!StorableText.storable(field.getKey())) {
                        return "a field name";
                    }
                    pending.push(new Visit(path, field.getValue()));
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    pending.push(new Visit(visit.path() + "[" + i + "]", node.get(i)));
                }
            }
        }
        return null;
    }
}
