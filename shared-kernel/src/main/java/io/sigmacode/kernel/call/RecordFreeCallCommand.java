package io.sigmacode.kernel.call;

import io.sigmacode.kernel.firewall.FirewallCheck;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A call on a free endpoint (conversations, messages, stop, parameters …), recorded once it is answered: started,
 * forwarded, debited 0 tokens, completed or failed, in one transaction. It takes no reservation, so the client's
 * answer never waits for the account. {@code failureCode} is null when the client got a 2xx. {@code postCheck} is the
 * verdict on model text Dify served back (message history, a transcription …), null when the answer carried none.
 * Idempotent per call id.
 */
public record RecordFreeCallCommand(@TargetAggregateIdentifier String accountId, String callId, CallDetails details,
                                    FirewallCheck postCheck, UpstreamResult upstream, int clientStatus,
                                    String failureCode, String failureMessage) implements CallCommand {
}
