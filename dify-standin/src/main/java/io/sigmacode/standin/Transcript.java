package io.sigmacode.standin;

import java.util.List;

/**
 * Ready-to-send network chunks of one stream. {@code cutAfterFrames} means the connection is dropped once they are
 * written; {@code stoppedEnding} is sent instead of the rest when the stop endpoint is called for {@code taskId}.
 */
record Transcript(List<byte[]> chunks, boolean cutAfterFrames, String taskId, List<byte[]> stoppedEnding) {
}
