package io.sigmacode.kernel.call;

import java.time.Instant;
import java.util.List;

/** Open calls: forwarded to Dify, no outcome yet (the one word for a call without outcome). */
public record OpenCallsResponse(List<OpenCallRow> calls) {

    public OpenCallsResponse {
        calls = List.copyOf(calls);
    }

    /** {@code nodeId} is null for calls recorded before nodes were named. */
    public record OpenCallRow(String accountId, String callId, String endpoint, String nodeId,
                              Instant forwardedAt) {
    }
}
