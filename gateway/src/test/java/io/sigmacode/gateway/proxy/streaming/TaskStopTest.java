package io.sigmacode.gateway.proxy.streaming;

import io.sigmacode.gateway.proxy.pipeline.ProxyRoute;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TaskStopTest {

    @Test
    void aStopWantedBeforeTheTaskIsKnownIsSentOnceItIs() {
        List<String> stopped = new ArrayList<>();
        TaskStop stop = new TaskStop(stopped::add);

        stop.request();
        assertThat(stopped).isEmpty();
        stop.taskSeen("task-1");
        stop.taskSeen("task-2");
        stop.request();

        assertThat(stopped).containsExactly("task-1");
    }

    @Test
    void aKnownTaskIsStoppedOnlyWhenAsked() {
        List<String> stopped = new ArrayList<>();
        TaskStop stop = new TaskStop(stopped::add);

        stop.taskSeen("task-1");
        assertThat(stopped).isEmpty();
        stop.request();

        assertThat(stopped).containsExactly("task-1");
    }

    @Test
    void eachRouteStopsItsTasksAtDifysPath() {
        assertThat(StopPaths.of(ProxyRoute.CHAT_MESSAGES, "t1")).isEqualTo("/chat-messages/t1/stop");
        assertThat(StopPaths.of(ProxyRoute.COMPLETION_MESSAGES, "t1")).isEqualTo("/completion-messages/t1/stop");
        assertThat(StopPaths.of(ProxyRoute.WORKFLOWS_RUN, "t1")).isEqualTo("/workflows/tasks/t1/stop");
        assertThat(StopPaths.of(ProxyRoute.CHAT_MESSAGES, "../x")).isEqualTo("/chat-messages/..%2Fx/stop");
    }
}
