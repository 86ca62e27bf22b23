package io.sigmacode.gateway.proxy.pipeline;

import reactor.core.publisher.Mono;

/**
 * Who ends an admitted call that its client abandoned before it was sent to Dify: settlement, which the pipeline
 * does not depend on (it runs after the pipeline and reads what the pipeline decided).
 */
public interface AbandonedCalls {

    /** Releases the call's reservation: nothing was sent, nothing is charged. */
    Mono<Void> notForwarded(ProxyCall call);
}
