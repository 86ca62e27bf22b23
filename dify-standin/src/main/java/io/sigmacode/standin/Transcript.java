package io.sigmacode.standin;

import java.util.List;

/** Ready-to-send SSE frames; {@code cutAfterFrames} means the connection is dropped once they are written. */
record Transcript(List<String> frames, boolean cutAfterFrames) {
}
