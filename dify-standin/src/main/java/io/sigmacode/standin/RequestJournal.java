package io.sigmacode.standin;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A queue rather than a copy-on-write list, because benchmarks append tens of thousands of entries.
 * Counting continues when entries are not kept, so a benchmark can still check how many requests arrived.
 */
final class RequestJournal {

    private final ConcurrentLinkedQueue<RecordedRequest> entries = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final boolean keepEntries;

    RequestJournal(boolean keepEntries) {
        this.keepEntries = keepEntries;
    }

    void add(RecordedRequest request) {
        if (keepEntries) {
            entries.add(request);
        }
        count.incrementAndGet();
    }

    List<RecordedRequest> snapshot() {
        return List.copyOf(entries);
    }

    int count() {
        return count.get();
    }

    void clear() {
        entries.clear();
        count.set(0);
    }
}
