package io.sigmacode.gateway.proxy;

import io.sigmacode.kernel.tenant.AppMode;
import org.springframework.http.HttpMethod;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Dify service-API routes the gateway meters, each with Dify's request checks for it and the price book's key
 * for the call ({@link #endpoint(AppMode)}).
 */
public enum ProxyRoute {
    CHAT_MESSAGES(HttpMethod.POST, "/v1/chat-messages", "chat-messages", GenerationRules.CHAT),
    COMPLETION_MESSAGES(HttpMethod.POST, "/v1/completion-messages", "completion-messages",
            GenerationRules.COMPLETION),
    WORKFLOWS_RUN(HttpMethod.POST, "/v1/workflows/run", "workflows/run", GenerationRules.WORKFLOW);

    private final HttpMethod method;
    private final String path;
    private final String endpoint;
    private final GenerationRules rules;

    ProxyRoute(HttpMethod method, String path, String endpoint, GenerationRules rules) {
        this.method = method;
        this.path = path;
        this.endpoint = endpoint;
        this.rules = rules;
    }

    /**
     * What the call is priced as: an agent answering on the chat route runs tools and is charged as agent execution,
     * a chatflow on the chat route runs a workflow and is charged as a workflow run.
     */
    String endpoint(AppMode mode) {
        if (this != CHAT_MESSAGES || mode == null) {
            return endpoint;
        }
        return switch (mode) {
            case AGENT_CHAT -> "agent-chat-messages";
            case ADVANCED_CHAT -> WORKFLOWS_RUN.endpoint;
            default -> endpoint;
        };
    }

    GenerationRules rules() {
        return rules;
    }

    /** A workflow's answer is its {@code outputs}, not an {@code answer} text. */
    public boolean answersWithOutputs() {
        return this == WORKFLOWS_RUN;
    }

    String path() {
        return path;
    }

    public String upstreamPath() {
        return path.substring("/v1".length());
    }

    static Optional<ProxyRoute> match(HttpMethod method, String path) {
        String normalized = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return Arrays.stream(values()).filter(r -> r.method.equals(method) && r.path.equals(normalized)).findFirst();
    }
}
