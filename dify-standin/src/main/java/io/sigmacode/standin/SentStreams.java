package io.sigmacode.standin;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The bytes of every stream sent, by task id, so a test can compare them with what a client of a proxy received. */
final class SentStreams {

    private final Map<String, ByteArrayOutputStream> streams = new ConcurrentHashMap<>();
    private final boolean keep;

    SentStreams(boolean keep) {
        this.keep = keep;
    }

    void sent(String taskId, byte[] chunk) {
        if (keep) {
            ByteArrayOutputStream stream = streams.computeIfAbsent(taskId, id -> new ByteArrayOutputStream());
            synchronized (stream) {
                stream.writeBytes(chunk);
            }
        }
    }

    Optional<byte[]> of(String taskId) {
        ByteArrayOutputStream stream = streams.get(taskId);
        if (stream == null) {
            return Optional.empty();
        }
        synchronized (stream) {
            return Optional.of(stream.toByteArray());
        }
    }

    void clear() {
        streams.clear();
    }
}
