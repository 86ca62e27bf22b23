package io.sigmacode.gateway.proxy.pipeline;

import io.sigmacode.kernel.tenant.AppMode;
import org.springframework.http.HttpMethod;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every Dify service-API route the gateway serves (reference: dify-api.md §2), how it is handled and what it costs.
 * A generation is read whole, checked and priced by the book under {@link #endpoint(AppMode)}; a paid transfer
 * (upload, audio) is priced by the book's flat fee with its body streamed; everything else is free, recorded with
 * 0 tokens and never waits for the account ({@link Kind#FREE}). {@code {}} in a path is one segment.
 */
public enum ProxyRoute {
    CHAT_MESSAGES(HttpMethod.POST, "/v1/chat-messages", "chat-messages", Kind.GENERATION),
    COMPLETION_MESSAGES(HttpMethod.POST, "/v1/completion-messages", "completion-messages", Kind.GENERATION),
    WORKFLOWS_RUN(HttpMethod.POST, "/v1/workflows/run", "workflows/run", Kind.GENERATION),
    /** A pinned published version of the workflow, priced as any workflow run. */
    WORKFLOWS_RUN_PINNED(HttpMethod.POST, "/v1/workflows/{}/run", "workflows/run", Kind.GENERATION),
    FILES_UPLOAD(HttpMethod.POST, "/v1/files/upload", "files/upload", Kind.TRANSFER),
    AUDIO_TO_TEXT(HttpMethod.POST, "/v1/audio-to-text", "audio-to-text", Kind.TRANSFER),
    TEXT_TO_AUDIO(HttpMethod.POST, "/v1/text-to-audio", "text-to-audio", Kind.TRANSFER),
    CHAT_STOP(HttpMethod.POST, "/v1/chat-messages/{}/stop", "chat-messages/stop", Kind.FREE),
    COMPLETION_STOP(HttpMethod.POST, "/v1/completion-messages/{}/stop", "completion-messages/stop", Kind.FREE),
    WORKFLOW_STOP(HttpMethod.POST, "/v1/workflows/tasks/{}/stop", "workflows/tasks/stop", Kind.FREE),
    WORKFLOW_RUN_DETAIL(HttpMethod.GET, "/v1/workflows/run/{}", "workflows/run/detail", Kind.FREE),
    WORKFLOW_LOGS(HttpMethod.GET, "/v1/workflows/logs", "workflows/logs", Kind.FREE),
    FILE_PREVIEW(HttpMethod.GET, "/v1/files/{}/preview", "files/preview", Kind.FREE),
    MESSAGES(HttpMethod.GET, "/v1/messages", "messages", Kind.FREE),
    SUGGESTED(HttpMethod.GET, "/v1/messages/{}/suggested", "messages/suggested", Kind.FREE),
    FEEDBACK(HttpMethod.POST, "/v1/messages/{}/feedbacks", "messages/feedbacks", Kind.FREE),
    APP_FEEDBACKS(HttpMethod.GET, "/v1/app/feedbacks", "app/feedbacks", Kind.FREE),
    CONVERSATIONS(HttpMethod.GET, "/v1/conversations", "conversations", Kind.FREE),
    CONVERSATION_DELETE(HttpMethod.DELETE, "/v1/conversations/{}", "conversations/delete", Kind.FREE),
    CONVERSATION_RENAME(HttpMethod.POST, "/v1/conversations/{}/name", "conversations/name", Kind.FREE),
    CONVERSATION_VARIABLES(HttpMethod.GET, "/v1/conversations/{}/variables", "conversations/variables", Kind.FREE),
    CONVERSATION_VARIABLE_UPDATE(HttpMethod.PUT, "/v1/conversations/{}/variables/{}",
            "conversations/variables/update", Kind.FREE),
    PARAMETERS(HttpMethod.GET, "/v1/parameters", "parameters", Kind.FREE),
    META(HttpMethod.GET, "/v1/meta", "meta", Kind.FREE),
    INFO(HttpMethod.GET, "/v1/info", "info", Kind.FREE),
    SITE(HttpMethod.GET, "/v1/site", "site", Kind.FREE),
    END_USER(HttpMethod.GET, "/v1/end-users/{}", "end-users", Kind.FREE),
    ANNOTATIONS(HttpMethod.GET, "/v1/apps/annotations", "apps/annotations", Kind.FREE),
    ANNOTATION_CREATE(HttpMethod.POST, "/v1/apps/annotations", "apps/annotations/create", Kind.FREE),
    ANNOTATION_UPDATE(HttpMethod.PUT, "/v1/apps/annotations/{}", "apps/annotations/update", Kind.FREE),
    ANNOTATION_DELETE(HttpMethod.DELETE, "/v1/apps/annotations/{}", "apps/annotations/delete", Kind.FREE),
    ANNOTATION_REPLY(HttpMethod.POST, "/v1/apps/annotation-reply/{}", "apps/annotation-reply", Kind.FREE),
    ANNOTATION_REPLY_STATUS(HttpMethod.GET, "/v1/apps/annotation-reply/{}/status/{}",
            "apps/annotation-reply/status", Kind.FREE);

    /** How a route is carried and paid for. */
    public enum Kind {
        /** Chat, completion, workflow: a JSON body read whole and checked, priced by the book with LLM usage. */
        GENERATION,
        /** Upload and audio: the body (or the answer) streamed through, priced by the book's flat fee. */
        TRANSFER,
        /** Everything else: streamed through, recorded with 0 tokens, no reservation. */
        FREE
    }

    private final HttpMethod method;
    private final String[] segments;
    private final String endpoint;
    private final Kind kind;

    ProxyRoute(HttpMethod method, String path, String endpoint, Kind kind) {
        this.method = method;
        this.segments = path.substring(1).split("/");
        this.endpoint = endpoint;
        this.kind = kind;
    }

    /**
     * What the call is priced as: an agent answering on the chat route runs tools and is charged as agent execution,
     * a chatflow on the chat route runs a workflow and is charged as a workflow run.
     */
    public String endpoint(AppMode mode) {
        if (this != CHAT_MESSAGES || mode == null) {
            return endpoint;
        }
        return switch (mode) {
            case AGENT_CHAT -> "agent-chat-messages";
            case ADVANCED_CHAT -> WORKFLOWS_RUN.endpoint;
            default -> endpoint;
        };
    }

    public Kind kind() {
        return kind;
    }

    /** Its JSON body is read whole, checked and pre-checked: the generations, and the text sent to be spoken. */
    public boolean readsPrompt() {
        return rules() != null;
    }

    public boolean free() {
        return kind == Kind.FREE;
    }

    /** The request checks of a route whose JSON body is read and pre-checked; null on the others. */
    GenerationRules rules() {
        return switch (this) {
            case CHAT_MESSAGES -> GenerationRules.CHAT;
            case COMPLETION_MESSAGES -> GenerationRules.COMPLETION;
            case WORKFLOWS_RUN, WORKFLOWS_RUN_PINNED -> GenerationRules.WORKFLOW;
            case TEXT_TO_AUDIO -> GenerationRules.SPEECH;
            default -> null;
        };
    }

    /** A workflow's answer is its {@code outputs}, not an {@code answer} text. */
    public boolean answersWithOutputs() {
        return this == WORKFLOWS_RUN || this == WORKFLOWS_RUN_PINNED;
    }

    /** The route's pattern as the router and the docs show it, e.g. {@code /v1/messages/{}/suggested}. */
    public String pattern() {
        return "/" + String.join("/", segments);
    }

    public HttpMethod method() {
        return method;
    }

    /** The upstream path of a call: the client's own path below {@code /v1}, unchanged. */
    public static String upstreamPath(String clientPath) {
        String path = clientPath.endsWith("/") && clientPath.length() > 1
                ? clientPath.substring(0, clientPath.length() - 1) : clientPath;
        return path.substring("/v1".length());
    }

    public static Optional<ProxyRoute> match(HttpMethod method, String path) {
        String normalized = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (normalized.isEmpty() || normalized.charAt(0) != '/') {
            return Optional.empty();
        }
        String[] parts = normalized.substring(1).split("/", -1);
        return Arrays.stream(values()).filter(r -> r.method.equals(method) && r.matches(parts)).findFirst();
    }

    private boolean matches(String[] parts) {
        if (parts.length != segments.length) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || (!segments[i].equals("{}") && !segments[i].equals(parts[i]))) {
                return false;
            }
        }
        return true;
    }
}
