package io.sigmacode.kernel.call;

import java.time.Instant;
import java.util.Map;

/** One event of a call as recorded; {@code detail} is the event's own fields. */
public record CallTimelineEntry(long sequence, Instant occurredAt, String type, Map<String, Object> detail) {
}
