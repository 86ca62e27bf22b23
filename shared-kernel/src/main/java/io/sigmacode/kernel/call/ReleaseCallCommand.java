package io.sigmacode.kernel.call;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends a call that cost nothing (Dify refused it or could not be reached) and frees its reservation. */
public record ReleaseCallCommand(@TargetAggregateIdentifier String accountId, String callId, UpstreamResult upstream,
                                 int clientStatus, String code, String message) implements CallCommand {
}
