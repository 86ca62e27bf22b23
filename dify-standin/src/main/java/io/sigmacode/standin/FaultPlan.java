package io.sigmacode.standin;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Scripted one-shot faults, consumed in the order they were queued. Request faults and delays hit the next
 * generation request whatever its mode; stream faults wait for the next valid streaming request, so a test can
 * queue one and still make blocking calls in between.
 */
final class FaultPlan {

    private final ConcurrentLinkedQueue<DifyError> failures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Duration> delays = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<StreamFault> streamFaults = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<RawReply> rawReplies = new ConcurrentLinkedQueue<>();

    void failNext(DifyError error) {
        failures.add(error);
    }

    void delayNext(Duration delay) {
        delays.add(delay);
    }

    void streamFault(StreamFault fault) {
        streamFaults.add(fault);
    }

    void rawReply(RawReply reply) {
        rawReplies.add(reply);
    }

    Optional<RawReply> takeRawReply() {
        return Optional.ofNullable(rawReplies.poll());
    }

    Optional<DifyError> takeFailure() {
        return Optional.ofNullable(failures.poll());
    }

    Duration takeDelay() {
        Duration delay = delays.poll();
        return delay == null ? Duration.ZERO : delay;
    }

    Optional<StreamFault> takeStreamFault() {
        return Optional.ofNullable(streamFaults.poll());
    }

    void clear() {
        failures.clear();
        delays.clear();
        streamFaults.clear();
        rawReplies.clear();
    }
}
