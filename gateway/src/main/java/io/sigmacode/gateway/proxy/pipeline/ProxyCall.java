package io.sigmacode.gateway.proxy.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigmacode.firewall.MaskedPrompt;
import io.sigmacode.gateway.firewall.ProxyFirewall.PolicyInForce;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.tenant.ApiKeyPrincipal;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the pipeline learns about one proxied call: each stage's result is written once, by the one filter that owns
 * the stage, and read by the stages after it. A second write is a bug and fails loudly. It lives in the exchange's
 * attributes.
 */
public final class ProxyCall {

    private static final String ATTRIBUTE = ProxyCall.class.getName();

    /** The request as the client sent it, read and checked by {@link RequestBodyFilter} (JSON routes only). */
    public record Request(byte[] body, ObjectNode json, String promptText) {
    }

    /**
     * The pre-check's verdict under the policy in force, and what goes to Dify: the request, or its redacted
     * rewrite. {@code masked} is set when personal data in the query are to be restored in the answer.
     */
    public record PreCheck(PolicyInForce policy, FirewallCheck check, MaskedPrompt masked, byte[] forwardedBody) {
    }

    private final String callId;
    private final long startedNanos = System.nanoTime();
    private volatile ProxyRoute route;
    private volatile String upstreamPath;
    private volatile ApiKeyPrincipal principal;
    private volatile Request request;
    private volatile PreCheck preCheck;
    private volatile String idempotencyKey;
    private volatile String difyKey;
    private volatile boolean admitted;
    private volatile boolean released;
    /** Set once: either the handler takes the call to Dify, or a client that hung up first abandons it. */
    private final AtomicBoolean handedOver = new AtomicBoolean();
    /** What the call answered, whatever became of the client's connection; the idempotency record is made of it. */
    private final Sinks.One<ProxyReply> answer = Sinks.one();

    private ProxyCall(String callId) {
        this.callId = callId;
    }

    static ProxyCall start(ServerWebExchange exchange, String callId) {
        ProxyCall call = new ProxyCall(callId);
        exchange.getAttributes().put(ATTRIBUTE, call);
        return call;
    }

    public static ProxyCall of(ServerWebExchange exchange) {
        return exchange.getRequiredAttribute(ATTRIBUTE);
    }

    private static <T> T once(T current, T next, String stage) {
        if (current != null) {
            throw new IllegalStateException(stage + " was already decided for this call");
        }
        return Objects.requireNonNull(next, stage);
    }

    public String callId() {
        return callId;
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    public ProxyRoute route() {
        return route;
    }

    /** @param upstreamPath the client's path below {@code /v1} with its query string, as Dify gets it */
    void route(ProxyRoute route, String upstreamPath) {
        this.route = once(this.route, route, "the route");
        this.upstreamPath = upstreamPath;
    }

    public String upstreamPath() {
        return upstreamPath;
    }

    public ApiKeyPrincipal principal() {
        return principal;
    }

    void principal(ApiKeyPrincipal principal) {
        this.principal = once(this.principal, principal, "the principal");
    }

    void request(Request request) {
        this.request = once(this.request, request, "the request");
    }

    /** The parsed JSON request, or null on a route whose body is streamed through unread. */
    public ObjectNode json() {
        return request == null ? null : request.json();
    }

    public String promptText() {
        return request == null ? "" : request.promptText();
    }

    /** The bytes Dify gets: the pre-check's rewrite if it made one, else the client's. */
    public byte[] body() {
        if (preCheck != null && preCheck.forwardedBody() != null) {
            return preCheck.forwardedBody();
        }
        return request == null ? new byte[0] : request.body();
    }

    /** The body the client sent, which an Idempotency-Key is bound to. */
    byte[] clientBody() {
        return request == null ? new byte[0] : request.body();
    }

    /** The client asked for {@code response_mode: streaming}. */
    public boolean streaming() {
        return json() != null && "streaming".equals(json().path("response_mode").asText());
    }

    void preCheck(PreCheck preCheck) {
        this.preCheck = once(this.preCheck, preCheck, "the pre-check");
    }

    /** The pre-check's verdict; not scanned on a route that carries no prompt. */
    public FirewallCheck preCheck() {
        return preCheck == null ? null : preCheck.check();
    }

    public PolicyInForce policy() {
        return preCheck == null ? null : preCheck.policy();
    }

    /** Empty unless the policy masked personal data in the query, to be restored in the answer. */
    public Optional<MaskedPrompt> maskedPrompt() {
        return preCheck == null ? Optional.empty() : Optional.ofNullable(preCheck.masked());
    }

    /** The Idempotency-Key this call owns, or null when the client sent none. */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    void idempotencyKey(String idempotencyKey) {
        this.idempotencyKey = once(this.idempotencyKey, idempotencyKey, "the Idempotency-Key");
    }

    /** The app's Dify key, opened just before admission. */
    public String difyKey() {
        return difyKey;
    }

    void difyKey(String difyKey) {
        this.difyKey = once(this.difyKey, difyKey, "the Dify key");
    }

    /** The account reserved tokens for this call. */
    public boolean wasAdmitted() {
        return admitted;
    }

    void admitted() {
        this.admitted = true;
    }

    /** The call ended without charge: Dify never had it. */
    public boolean released() {
        return released;
    }

    public void markReleased() {
        this.released = true;
    }

    /** @return true when the caller now takes the call to Dify; false when the client abandoned it first */
    public boolean startForwarding() {
        return handedOver.compareAndSet(false, true);
    }

    /** @return true when the call was abandoned before anyone took it to Dify */
    boolean abandon() {
        return handedOver.compareAndSet(false, true);
    }

    /** The call's answer as settled, given once, whether or not the client was still there to take it. */
    public void answered(ProxyReply reply) {
        answer.tryEmitValue(reply);
    }

    Mono<ProxyReply> answer() {
        return answer.asMono();
    }
}
