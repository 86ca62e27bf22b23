package io.sigmacode.gateway.proxy.streaming;

import io.sigmacode.gateway.proxy.pipeline.ProxyRoute;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;

/** Dify's stop endpoint for a task of each generation route (the workflow one is spelt differently). */
final class StopPaths {

    private StopPaths() {
    }

    static String of(ProxyRoute route, String task) {
        String taskId = UriUtils.encodePathSegment(task, StandardCharsets.UTF_8);
        return switch (route) {
            case CHAT_MESSAGES -> "/chat-messages/" + taskId + "/stop";
            case COMPLETION_MESSAGES -> "/completion-messages/" + taskId + "/stop";
            case WORKFLOWS_RUN, WORKFLOWS_RUN_PINNED -> "/workflows/tasks/" + taskId + "/stop";
            default -> throw new IllegalArgumentException(route + " starts no task that can be stopped");
        };
    }
}
