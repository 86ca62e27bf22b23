package io.sigmacode.query.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** A mapper of the projection's own, so the stored detail does not change with the application's Jackson settings. */
final class TimelineJson {

    static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules().build();

    private TimelineJson() {
    }
}
