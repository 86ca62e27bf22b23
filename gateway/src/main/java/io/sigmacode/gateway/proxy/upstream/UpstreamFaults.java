package io.sigmacode.gateway.proxy.upstream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether Dify received a call that ended in an error status, and so may have run the model. Dify checks a request
 * (key, parameters, quota) before it runs anything and answers 4xx for what it refuses. A 502 or 503 without Dify's
 * envelope comes from a proxy in front of Dify that could not reach it. Every other 5xx — Dify's own server errors
 * and an edge's 504 after Dify took too long — came after Dify had the call.
 */
public final class UpstreamFaults {

    private UpstreamFaults() {
    }

    public static boolean receivedByDify(int status, JsonNode body) {
        if (status < 500) {
            return false;
        }
        return difyEnvelope(body) || (status != 502 && status != 503);
    }

    public static boolean difyEnvelope(JsonNode body) {
        return body.isObject() && body.hasNonNull("code") && body.hasNonNull("message");
    }

    /** The code an envelope-less error is told under, by the status the edge gave. */
    public static String codeFor(int status) {
        return switch (status) {
            case 502, 503 -> "upstream_unavailable";
            case 504 -> "upstream_timeout";
            default -> "upstream_error";
        };
    }
}
