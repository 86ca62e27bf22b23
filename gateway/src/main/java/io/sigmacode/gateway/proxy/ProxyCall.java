package io.sigmacode.gateway.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigmacode.firewall.MaskedPrompt;
import io.sigmacode.gateway.firewall.ProxyFirewall.PolicyInForce;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.tenant.ApiKeyPrincipal;
import org.springframework.web.server.ServerWebExchange;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the pipeline learns about one proxied call, filled in filter by filter. It lives in the exchange's
 * attributes and is only ever touched by the one request it belongs to.
 */
public final class ProxyCall {

    private static final String ATTRIBUTE = ProxyCall.class.getName();

    private final String callId;
    private final long startedNanos = System.nanoTime();
    private ProxyRoute route;
    private ApiKeyPrincipal principal;
    private byte[] body;
    private ObjectNode json;
    private String promptText;
    private FirewallCheck preCheck;
    private PolicyInForce policy;
    private MaskedPrompt maskedPrompt;
    private String idempotencyKey;
    private String difyKey;
    private volatile boolean admitted;
    private volatile boolean released;
    /** Set once: either the handler takes the call to Dify, or a client that hung up first abandons it. */
    private final AtomicBoolean handedOver = new AtomicBoolean();

    private ProxyCall(String callId) {
        this.callId = callId;
    }

    static ProxyCall start(ServerWebExchange exchange, String callId) {
        ProxyCall call = new ProxyCall(callId);
        exchange.getAttributes().put(ATTRIBUTE, call);
        return call;
    }

    static ProxyCall of(ServerWebExchange exchange) {
        return exchange.getRequiredAttribute(ATTRIBUTE);
    }

    public String callId() {
        return callId;
    }

    long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    public ProxyRoute route() {
        return route;
    }

    void route(ProxyRoute route) {
        this.route = route;
    }

    public ApiKeyPrincipal principal() {
        return principal;
    }

    void principal(ApiKeyPrincipal principal) {
        this.principal = principal;
    }

    public byte[] body() {
        return body;
    }

    public ObjectNode json() {
        return json;
    }

    public String promptText() {
        return promptText;
    }

    /** The client asked for {@code response_mode: streaming}. */
    boolean streaming() {
        return json != null && "streaming".equals(json.path("response_mode").asText());
    }

    void request(byte[] body, ObjectNode json, String promptText) {
        this.body = body;
        this.json = json;
        this.promptText = promptText;
    }

    FirewallCheck preCheck() {
        return preCheck;
    }

    void preCheck(FirewallCheck preCheck) {
        this.preCheck = preCheck;
    }

    public PolicyInForce policy() {
        return policy;
    }

    void policy(PolicyInForce policy) {
        this.policy = policy;
    }

    /** Empty unless the policy masked personal data in the query, to be restored in the answer. */
    public Optional<MaskedPrompt> maskedPrompt() {
        return Optional.ofNullable(maskedPrompt);
    }

    void maskedPrompt(MaskedPrompt maskedPrompt) {
        this.maskedPrompt = maskedPrompt;
    }

    /** The Idempotency-Key this call owns, or null when the client sent none. */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    void idempotencyKey(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
    }

    /** The app's Dify key, opened just before admission. */
    public String difyKey() {
        return difyKey;
    }

    void difyKey(String difyKey) {
        this.difyKey = difyKey;
    }

    /** The account reserved tokens for this call. */
    boolean wasAdmitted() {
        return admitted;
    }

    void admitted() {
        this.admitted = true;
    }

    /** The call ended without charge: Dify never had it. */
    boolean released() {
        return released;
    }

    void markReleased() {
        this.released = true;
    }

    /** @return true when the caller now takes the call to Dify; false when the client abandoned it first */
    boolean startForwarding() {
        return handedOver.compareAndSet(false, true);
    }

    /** @return true when the call was abandoned before anyone took it to Dify */
    boolean abandon() {
        return handedOver.compareAndSet(false, true);
    }
}
