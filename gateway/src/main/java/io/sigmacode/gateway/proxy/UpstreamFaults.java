package io.sigmacode.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpStatus;

/**
 * Whether Dify received a call that ended in an error status, and so may have run the model. Dify checks a request
 * (key, parameters, quota) before it runs anything and answers 4xx for what it refuses. A 502 or 503 without Dify's
 * envelope comes from a proxy in front of Dify that could not reach it. Every other 5xx — Dify's own server errors
 * and an edge's 504 after Dify took too long — came after Dify had the call.
 */
final class UpstreamFaults {

    static final String KEY_REFUSED = "upstream_key_refused";
    static final String KEY_REFUSED_MESSAGE = "Dify refused the Dify API key registered for this app; a tenant "
            + "admin must register the app's current key. Nothing was charged.";

    private UpstreamFaults() {
    }

    static boolean receivedByDify(int status, JsonNode body) {
        if (status < 500) {
            return false;
        }
        return difyEnvelope(body) || (status != 502 && status != 503);
    }

    static boolean difyEnvelope(JsonNode body) {
        return body.isObject() && body.hasNonNull("code") && body.hasNonNull("message");
    }

    static String codeFor(int status) {
        return switch (status) {
            case 502, 503 -> "upstream_unavailable";
            case 504 -> "upstream_timeout";
            default -> "upstream_error";
        };
    }

    /** An error in front of Dify, told in Dify's envelope with the status the edge gave. */
    static ProxyReply foreignError(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String message = "A proxy in front of Dify answered " + status + " without Dify's error body.";
        return known != null ? ProxyReply.error(known, codeFor(status), message)
                : ProxyReply.error(HttpStatus.BAD_GATEWAY, codeFor(status), message);
    }
}
