package io.sigmacode.kernel.call;

import java.time.Instant;

/** Calls forwarded before {@code forwardedBefore} that were never settled nor released. */
public record FindStaleReservationsQuery(Instant forwardedBefore, int limit) {
}
