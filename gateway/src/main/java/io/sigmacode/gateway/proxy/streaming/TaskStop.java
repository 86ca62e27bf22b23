package io.sigmacode.gateway.proxy.streaming;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Asks Dify to stop a task that nobody will read (its client left, or the firewall withheld the rest of its answer),
 * once, as soon as both the wish and the task id (from the stream's first event that carries one) are known, in
 * whichever order they arrive and on whichever thread.
 */
final class TaskStop {

    private final AtomicBoolean wanted = new AtomicBoolean();
    private final AtomicBoolean sent = new AtomicBoolean();
    private final Consumer<String> stop;
    private volatile String taskId;

    TaskStop(Consumer<String> stop) {
        this.stop = stop;
    }

    void taskSeen(String id) {
        if (taskId == null && id != null) {
            taskId = id;
            if (wanted.get()) {
                stopOnce();
            }
        }
    }

    void request() {
        if (wanted.compareAndSet(false, true)) {
            stopOnce();
        }
    }

    private void stopOnce() {
        String id = taskId;
        if (id != null && sent.compareAndSet(false, true)) {
            stop.accept(id);
        }
    }
}
