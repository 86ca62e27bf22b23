package io.sigmacode.gateway.proxy.streaming;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A client that leaves mid-stream: Dify is told to stop the task, once, as soon as both the departure and the task id
 * (from the stream's first event that carries one) are known, in whichever order they arrive and on whichever thread.
 */
final class ClientLeave {

    private final AtomicBoolean left = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Consumer<String> stop;
    private volatile String taskId;

    ClientLeave(Consumer<String> stop) {
        this.stop = stop;
    }

    void taskSeen(String id) {
        if (taskId == null && id != null) {
            taskId = id;
            if (left.get()) {
                stopOnce();
            }
        }
    }

    void left() {
        if (left.compareAndSet(false, true)) {
            stopOnce();
        }
    }

    boolean hasLeft() {
        return left.get();
    }

    private void stopOnce() {
        String id = taskId;
        if (id != null && stopped.compareAndSet(false, true)) {
            stop.accept(id);
        }
    }
}
