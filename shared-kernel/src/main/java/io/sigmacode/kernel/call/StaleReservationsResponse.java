package io.sigmacode.kernel.call;

import java.util.List;

public record StaleReservationsResponse(List<StaleReservation> calls) {

    public StaleReservationsResponse {
        calls = List.copyOf(calls);
    }

    public record StaleReservation(String accountId, String callId, String endpoint) {
    }
}
