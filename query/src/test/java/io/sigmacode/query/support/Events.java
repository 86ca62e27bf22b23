package io.sigmacode.query.support;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.util.HashMap;
import java.util.Map;

/** Domain events as an aggregate's stream holds them: each aggregate's sequence numbers count up from 0. */
public final class Events {

    private final Map<String, Long> sequences = new HashMap<>();

    public DomainEventMessage<?> of(String aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        return new GenericDomainEventMessage<>("TokenAccount", aggregateId, sequence, payload);
    }
}
