package io.sigmacode.kernel.call;

import java.util.List;

public record CallTimelineResponse(String callId, String accountId, List<CallTimelineEntry> events) {
    public CallTimelineResponse {
        events = List.copyOf(events);
    }
}
