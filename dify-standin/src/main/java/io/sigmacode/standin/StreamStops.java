package io.sigmacode.standin;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The tasks whose stop endpoint was called while they streamed; a stream checks before each of its chunks. */
final class StreamStops {

    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();

    void started(String taskId) {
        running.add(taskId);
    }

    void finished(String taskId) {
        running.remove(taskId);
        stopped.remove(taskId);
    }

    /** As in Dify, stopping a task that is not running (finished, or never was) still succeeds and does nothing. */
    void stop(String taskId) {
        if (running.contains(taskId)) {
            stopped.add(taskId);
        }
    }

    boolean stopped(String taskId) {
        return stopped.contains(taskId);
    }
}
