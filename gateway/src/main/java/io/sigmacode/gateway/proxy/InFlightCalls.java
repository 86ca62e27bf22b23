package io.sigmacode.gateway.proxy;

import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls this node has admitted and not yet recorded an outcome for. Recovery never settles one of these, however
 * long it runs (a long stream); a call leaves the set only once its outcome is stored or could not be stored.
 */
@Component
class InFlightCalls {

    private final Set<String> calls = ConcurrentHashMap.newKeySet();

    void admitted(String callId) {
        calls.add(callId);
    }

    void finished(String callId) {
        calls.remove(callId);
    }

    boolean carries(String callId) {
        return calls.contains(callId);
    }

    int size() {
        return calls.size();
    }
}
