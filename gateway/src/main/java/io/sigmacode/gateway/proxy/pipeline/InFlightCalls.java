package io.sigmacode.gateway.proxy.pipeline;

import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls this node has admitted and not yet recorded an outcome for. Recovery never settles one of these, however
 * long it runs (a long stream); a call leaves the set only once its outcome is stored or could not be stored.
 */
@Component
public class InFlightCalls {

    private final Set<String> calls = ConcurrentHashMap.newKeySet();

    public void admitted(String callId) {
        calls.add(callId);
    }

    public void finished(String callId) {
        calls.remove(callId);
    }

    public boolean carries(String callId) {
        return calls.contains(callId);
    }

    public int size() {
        return calls.size();
    }
}
