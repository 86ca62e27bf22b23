package io.sigmacode.gateway.proxy.pipeline;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every answer the gateway itself gives on a Dify path instead of Dify's: status, Dify error code and message (a
 * {@link String#format} pattern over the arguments). Dify's own errors are passed through and are not listed here.
 * The envelope is written in one place, {@link ProxyReply#error}.
 */
public enum ProxyRefusal {
    /** Dify's own three 401s, word for word, so a Dify client handles them as it knows. */
    AUTHORIZATION_MISSING(HttpStatus.UNAUTHORIZED, "unauthorized",
            "Authorization header must be provided and start with 'Bearer'"),
    AUTHORIZATION_NOT_BEARER(HttpStatus.UNAUTHORIZED, "unauthorized", "Authorization scheme must be 'Bearer'"),
    KEY_INVALID(HttpStatus.UNAUTHORIZED, "unauthorized", "Access token is invalid"),
    KEY_NOT_DEVELOPER(HttpStatus.FORBIDDEN, "forbidden",
            "This key has no developer role and may not call the proxied API."),
    KEY_CHECK_FAILED(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
            "The gateway could not check the key. Please try again."),
    PATH_NOT_CANONICAL(HttpStatus.NOT_FOUND, "not_found", "The gateway serves no path spelled with "
            + "percent-encoding, matrix parameters, dot segments, backslashes or empty segments."),
    ROUTE_UNKNOWN(HttpStatus.NOT_FOUND, "not_found", "The gateway does not serve %s %s."),
    MEDIA_TYPE_UNREADABLE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "%s"),
    /** Dify's own code for a request it would refuse; the message is Dify's for the problem found. */
    INVALID_PARAM(HttpStatus.BAD_REQUEST, "invalid_param", "%s"),
    BODY_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large",
            "The request body is larger than the gateway's limit of %d bytes for this route."),
    IDEMPOTENCY_KEY_MALFORMED(HttpStatus.BAD_REQUEST, "invalid_param",
            "Idempotency-Key must be 1 to 255 visible ASCII characters."),
    IDEMPOTENCY_KEY_MISMATCH(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency_key_mismatch",
            "This Idempotency-Key was used with a different request body."),
    IDEMPOTENCY_KEY_IN_USE(HttpStatus.CONFLICT, "idempotency_key_in_use",
            "A request with this Idempotency-Key is still being processed."),
    IDEMPOTENCY_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
            "The gateway could not check the Idempotency-Key. Please try again."),
    POLICY_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
            "The gateway could not load the firewall policy. Please try again."),
    UPSTREAM_KEY_UNREADABLE(HttpStatus.SERVICE_UNAVAILABLE, "upstream_key_unreadable",
            "The gateway cannot read the Dify key stored for this app; nothing was charged. An operator "
                    + "must register the app's Dify key again."),
    PROMPT_BLOCKED(HttpStatus.FORBIDDEN, "firewall_blocked", "The prompt was blocked by the firewall (call %s)."),
    ANSWER_BLOCKED(HttpStatus.FORBIDDEN, "firewall_blocked", "The answer was withheld by the firewall (call %s)."),
    INSUFFICIENT_TOKENS(HttpStatus.PAYMENT_REQUIRED, "insufficient_tokens",
            "The account has %d tokens available; this call needs %d."),
    /** Nothing was reserved (the transaction rolled back), so the client may simply retry. */
    CALL_NOT_RECORDED(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
            "The gateway could not record the call; nothing was charged. Please try again."),
    /** Dify refused the app's Dify key: a 401 would send the caller looking at their own key, which was fine. */
    UPSTREAM_KEY_REFUSED(HttpStatus.BAD_GATEWAY, "upstream_key_refused", "Dify refused the Dify API key "
            + "registered for this app; a tenant admin must register the app's current key. Nothing was charged."),
    UPSTREAM_UNREACHABLE(HttpStatus.BAD_GATEWAY, "upstream_unavailable", "Dify could not be reached."),
    UPSTREAM_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "upstream_timeout", "Dify did not answer in time."),
    UPSTREAM_CUT(HttpStatus.BAD_GATEWAY, "upstream_unavailable",
            "The connection to Dify broke before its answer was complete."),
    UPSTREAM_ANSWER_TOO_LARGE(HttpStatus.BAD_GATEWAY, "upstream_answer_too_large",
            "Dify's answer was larger than the gateway accepts for a blocking call; use streaming."),
    /** An edge in front of Dify answered without Dify's envelope; see {@link #replyWithStatus}. */
    UPSTREAM_FOREIGN_ERROR(HttpStatus.BAD_GATEWAY, "upstream_error",
            "A proxy in front of Dify answered %d without Dify's error body."),
    /** Anything no filter or handler answered: Dify's own unhandled error, never a Java message. */
    UNHANDLED(HttpStatus.INTERNAL_SERVER_ERROR, "unknown", "Internal Server Error");

    private final HttpStatus status;
    private final String code;
    private final String message;

    ProxyRefusal(HttpStatus status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String message(Object... arguments) {
        return arguments.length == 0 ? message : String.format(message, arguments);
    }

    public ProxyReply reply(Object... arguments) {
        return ProxyReply.error(status.value(), code, message(arguments));
    }

    /** The same message under the status and code an edge in front of Dify gave. */
    public ProxyReply replyWithStatus(int status, String code, Object... arguments) {
        return ProxyReply.error(status, code, message(arguments));
    }

    public Mono<Void> write(ServerWebExchange exchange, Object... arguments) {
        return reply(arguments).write(exchange);
    }
}
