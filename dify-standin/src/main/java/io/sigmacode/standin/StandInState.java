package io.sigmacode.standin;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Settings shared between the test thread and the event loops; volatile so a change applies to the next request. */
final class StandInState {

    final Map<String, AppMode> appKeys;
    final FaultPlan faults = new FaultPlan();
    final RequestJournal journal;
    final StreamStops stops = new StreamStops();
    final SentStreams sent;
    final ConcurrentLinkedQueue<String> replacements = new ConcurrentLinkedQueue<>();
    volatile StreamFraming framing = StreamFraming.DIFY;
    volatile Duration latency;
    volatile Duration chunkInterval;
    volatile String answer;
    volatile Usage usage;
    /** A knowledge-base passage quoted with every answer, or null for none (the default). */
    volatile String passage;

    StandInState(Map<String, AppMode> appKeys, boolean keepJournalEntries, Duration latency, Duration chunkInterval,
                 String answer, Usage usage) {
        this.appKeys = Collections.unmodifiableMap(new LinkedHashMap<>(appKeys));
        this.journal = new RequestJournal(keepJournalEntries);
        this.sent = new SentStreams(keepJournalEntries);
        this.latency = latency;
        this.chunkInterval = chunkInterval;
        this.answer = answer;
        this.usage = usage;
    }
}
