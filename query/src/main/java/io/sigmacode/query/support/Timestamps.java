package io.sigmacode.query.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants go to TIMESTAMPTZ columns as UTC offsets, so no session time zone can shift them. */
public final class Timestamps {

    private Timestamps() {
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
