package io.sigmacode.kernel.call;

public record FindCallTimelineQuery(String callId) {
}
