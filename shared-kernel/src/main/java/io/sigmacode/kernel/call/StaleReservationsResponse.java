package io.sigmacode.kernel.call;

import java.time.Instant;
import java.util.List;

public record StaleReservationsResponse(List<StaleReservation> calls) {

    public StaleReservationsResponse {
        calls = List.copyOf(calls);
    }

    /** {@code nodeId} is null for calls recorded before nodes were named. */
    public record StaleReservation(String accountId, String callId, String endpoint, String nodeId,
                                   Instant forwardedAt) {
    }
}
