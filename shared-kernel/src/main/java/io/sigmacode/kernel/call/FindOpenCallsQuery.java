package io.sigmacode.kernel.call;

import java.time.Instant;

/**
 * Calls forwarded before {@code forwardedBefore} that were never settled nor released, with the node carrying each;
 * whether such a call is lost or still in flight is for the caller to decide from the node's lease.
 */
public record FindOpenCallsQuery(Instant forwardedBefore, int limit) {
}
