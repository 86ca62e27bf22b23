package io.sigmacode.kernel.call;

import io.sigmacode.kernel.pricing.Usage;

/** Dify answered; {@code clientStatus} differs from {@code upstream.status()} when a post-check withheld the answer. */
public record CallCompletedEvent(String accountId, String callId, int clientStatus, UpstreamResult upstream, Usage usage) implements CallEvent {
}
