package io.sigmacode.kernel.call;

/** What Dify answered: its status (0 when it never answered) and how long it took. */
public record UpstreamResult(int status, long latencyMillis, long timeToFirstByteMillis) {
    public static final UpstreamResult NONE = new UpstreamResult(0, 0, 0);
}
