package io.sigmacode.gateway.deadletter;

import io.sigmacode.gateway.config.AxonProcessingConfig;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events the tracking projections set aside because they could not store them. Each group has its own queue; a
 * dead letter holds up only the later events of its own account (its sequence), never another account's.
 */
@Component
public class DeadLetters {

    private final EventProcessingConfiguration processing;

    DeadLetters(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** What an operator needs to judge a dead letter, without its payload (which may hold personal data). */
    public record Entry(String processingGroup, String eventIdentifier, String payloadType, String aggregateId,
                        String cause, String enqueuedAt, String lastTouched) {
    }

    public List<String> groups() {
        return AxonProcessingConfig.TRACKING_GROUPS;
    }

    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        groups().forEach(group -> counts.put(group, count(group)));
        return counts;
    }

    public long count(String group) {
        return queue(group).map(SequencedDeadLetterQueue::size).orElse(0L);
    }

    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        for (String group : groups()) {
            queue(group).ifPresent(queue -> queue.deadLetters().forEach(sequence -> sequence.forEach(letter ->
                    entries.add(entry(group, letter)))));
        }
        return entries;
    }

    /** Hands the oldest dead-lettered sequence of {@code group} back to its handlers; true when it went through. */
    public Optional<Boolean> retry(String group) {
        if (!groups().contains(group)) {
            return Optional.empty();
        }
        return processing.sequencedDeadLetterProcessor(group).map(processor -> processor.processAny());
    }

    /** Drops one dead letter for good (its effect on the projection is lost); false when there was none. */
    public Optional<Boolean> skip(String group, String eventIdentifier) {
        return queue(group).map(queue -> {
            for (var sequence : queue.deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    if (letter.message().getIdentifier().equals(eventIdentifier)) {
                        queue.evict(letter);
                        return true;
                    }
                }
            }
            return false;
        });
    }

    private Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String group) {
        return groups().contains(group) ? processing.deadLetterQueue(group) : Optional.empty();
    }

    private static Entry entry(String group, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        String aggregateId = message instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier() : null;
        String cause = letter.cause().map(c -> c.type() + ": " + c.message()).orElse(null);
        return new Entry(group, message.getIdentifier(), message.getPayloadType().getSimpleName(), aggregateId,
                cause, letter.enqueuedAt().toString(), letter.lastTouched().toString());
    }
}
