package io.sigmacode.gateway.proxy.pipeline;

import org.springframework.core.Ordered;

/** The order of the proxy pipeline: each filter does one job and hands the call on. */
final class ProxyFilterOrder {

    static final int CALL_ID = Ordered.HIGHEST_PRECEDENCE + 100;
    /** Right after the call id, so that a refused spelling of a Dify path still carries one. */
    static final int CANONICAL_PATH = CALL_ID + 5;
    static final int ROUTE = CALL_ID + 10;
    static final int AUTHENTICATION = ROUTE + 10;
    /** Before the body is read: a body too large for the route is refused unread. */
    static final int REQUEST_BODY = AUTHENTICATION + 10;
    static final int IDEMPOTENCY = REQUEST_BODY + 10;
    static final int FIREWALL_PRE_CHECK = IDEMPOTENCY + 10;
    static final int ADMISSION = FIREWALL_PRE_CHECK + 10;

    private ProxyFilterOrder() {
    }
}
