package io.sigmacode.standin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Dify's service endpoints besides generation, answered as dify-api.md §2 describes them: the same statuses (201 for
 * an upload or a new annotation, 204 for a deletion), JSON bodies of the documented shape, raw bytes for a file
 * preview and for text-to-audio. Bodies echo what they were sent where Dify would (an uploaded file's size, a
 * conversation's new name), so a test can tell a body went through whole. Empty when the path is no such endpoint.
 */
final class ServiceEndpoints {

    private final StandInState state;

    ServiceEndpoints(StandInState state) {
        this.state = state;
    }

    Optional<Mono<Void>> answer(RecordedRequest request, HttpServerResponse response) {
        String[] s = request.path().substring(1).split("/");
        String method = request.method();
        String route = method + " " + shape(s);
        return Optional.ofNullable(switch (route) {
            case "GET v1/messages" -> page(response, message());
            case "GET v1/messages/*/suggested" -> success(response, Json.object().putPOJO("data",
                    Json.object().arrayNode().add("What else can you do?").add("Tell me more.")));
            case "POST v1/messages/*/feedbacks", "POST v1/apps/annotation-reply/*" ->
                    success(response, Json.object());
            case "GET v1/app/feedbacks" -> Responses.json(response, 200, Json.object().set("data",
                    Json.object().arrayNode()));
            case "GET v1/conversations" -> page(response, conversation("conv-1", "Greeting"));
            case "DELETE v1/conversations/*", "DELETE v1/apps/annotations/*" ->
                    response.status(204).send().then();
            case "POST v1/conversations/*/name" -> Responses.json(response, 200, conversation(s[2],
                    Json.parseObject(request.body()).map(b -> b.path("name").asText("")).orElse("")));
            case "GET v1/conversations/*/variables" -> page(response, variable());
            case "PUT v1/conversations/*/variables/*" -> Responses.json(response, 200, variable());
            case "GET v1/workflows/run/*" -> Responses.json(response, 200, workflowRun(s[3]));
            case "GET v1/workflows/logs" -> page(response, Json.object().put("id", "log-1")
                    .set("workflow_run", workflowRun("run-1")));
            case "POST v1/files/upload" -> Responses.json(response, 201, Json.object().put("id", "file-1")
                    .put("name", "upload.txt").put("size", request.body().length).put("extension", "txt")
                    .put("mime_type", "text/plain").put("created_by", "end-user-1").put("created_at", 1705407629));
            case "GET v1/files/*/preview" -> bytes(response, "text/plain", state.answer);
            case "POST v1/audio-to-text" -> Responses.json(response, 200, Json.object().put("text", state.answer));
            case "POST v1/text-to-audio" -> bytes(response, "audio/mpeg", "ID3 stand-in audio of "
                    + request.body().length + " bytes of request");
            case "GET v1/meta" -> Responses.json(response, 200, Json.object().set("tool_icons", Json.object()));
            case "GET v1/site" -> Responses.json(response, 200, Json.object().put("title", "Stand-in app")
                    .put("default_language", "en-US"));
            case "GET v1/end-users/*" -> Responses.json(response, 200, Json.object().put("id", s[2])
                    .put("type", "service-api"));
            case "GET v1/apps/annotations" -> page(response, annotation("ann-1"));
            case "POST v1/apps/annotations" -> Responses.json(response, 201, annotation("ann-2"));
            case "PUT v1/apps/annotations/*" -> Responses.json(response, 200, annotation(s[3]));
            case "GET v1/apps/annotation-reply/*/status/*" -> Responses.json(response, 200, Json.object()
                    .put("job_id", s[5]).put("job_status", "completed"));
            default -> null;
        });
    }

    /** The path with every id segment as {@code *}; the fixed words of Dify's routes stay. */
    private static String shape(String[] segments) {
        StringBuilder shape = new StringBuilder(segments[0]);
        for (int i = 1; i < segments.length; i++) {
            boolean word = i == 1 || segments[i].matches("suggested|feedbacks|name|variables|run|logs|upload|preview"
                    + "|annotations|annotation-reply|status|tasks|stop")
                    && !(i == 3 && segments[1].equals("workflows") && segments[2].equals("run"));
            shape.append('/').append(word ? segments[i] : "*");
        }
        return shape.toString();
    }

    private static Mono<Void> page(HttpServerResponse response, ObjectNode item) {
        ObjectNode page = Json.object().put("limit", 20).put("has_more", false);
        ArrayNode data = page.putArray("data");
        data.add(item);
        return Responses.json(response, 200, page);
    }

    private static Mono<Void> success(HttpServerResponse response, ObjectNode extra) {
        ObjectNode body = Json.object().put("result", "success");
        body.setAll(extra);
        return Responses.json(response, 200, body);
    }

    private static Mono<Void> bytes(HttpServerResponse response, String type, String content) {
        return response.status(200).header("Content-Type", type)
                .sendByteArray(Mono.just(content.getBytes(StandardCharsets.UTF_8))).then();
    }

    /** A past message carries the answer Dify kept, unredacted: what the gateway has to post-check again. */
    private ObjectNode message() {
        ObjectNode message = Json.object().put("id", "msg-1").put("conversation_id", "conv-1").put("query", "Hello")
                .put("answer", state.answer).put("message_tokens", 10).put("answer_tokens", 5)
                .put("total_tokens", 15).put("created_at", 1705407629);
        ArrayNode resources = message.putArray("retriever_resources");
        if (state.passage != null) {
            quote(resources, state.passage);
        }
        return message;
    }

    /** One retrieved passage as Dify quotes it in {@code retriever_resources}. */
    static void quote(ArrayNode resources, String passage) {
        resources.addObject().put("position", 1).put("dataset_id", "ds-1").put("dataset_name", "Handbook")
                .put("document_id", "doc-1").put("document_name", "handbook.md").put("segment_id", "seg-1")
                .put("score", 0.98).put("content", passage);
    }

    private static ObjectNode conversation(String id, String name) {
        return Json.object().put("id", id).put("name", name).put("status", "normal").put("created_at", 1705407629);
    }

    private ObjectNode variable() {
        return Json.object().put("id", "var-1").put("name", "topic").put("value_type", "string")
                .put("value", state.answer);
    }

    private ObjectNode workflowRun(String id) {
        ObjectNode run = Json.object().put("id", id).put("workflow_id", "wf-1").put("status", "succeeded")
                .put("inputs", "{}").put("total_steps", 3).put("total_tokens", 42).put("elapsed_time", 0.5);
        run.putObject("outputs").put("text", state.answer);
        return run;
    }

    private static ObjectNode annotation(String id) {
        return Json.object().put("id", id).put("question", "What is this?").put("answer", "A stand-in.")
                .put("hit_count", 0).put("created_at", 1705407629);
    }
}
