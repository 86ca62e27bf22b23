package io.sigmacode.gateway.support;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Who is acting in one management request, and the request's id: set once when the caller is authenticated, read
 * by the {@link Bus} into the metadata of every command the request sends, and from there, through Axon's
 * correlation data, into every event the command applies. An admin action's events so say who did it.
 */
public final class Actor {

    public static final String ACTOR = "actor";
    public static final String REQUEST_ID = "requestId";
    /** The bootstrap admin token's name in the events: it is a person with the token, not a key. */
    public static final String PLATFORM_ADMIN = "platform-admin";

    private final String requestId;
    private final AtomicReference<String> who = new AtomicReference<>();

    public Actor(String requestId) {
        this.requestId = requestId;
    }

    public static String key(String keyId) {
        return "key:" + keyId;
    }

    /** Write-once: a request authenticates one caller. */
    public void authenticated(String actor) {
        who.compareAndSet(null, actor);
    }

    public String requestId() {
        return requestId;
    }

    Map<String, String> metadata() {
        Map<String, String> metadata = new HashMap<>();
        metadata.put(REQUEST_ID, requestId);
        String actor = who.get();
        if (actor != null) {
            metadata.put(ACTOR, actor);
        }
        return metadata;
    }
}
