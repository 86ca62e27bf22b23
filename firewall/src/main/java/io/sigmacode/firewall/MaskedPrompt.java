package io.sigmacode.firewall;

import java.util.Map;

/**
 * A prompt with its personal data replaced by typed placeholders, and the originals to put back into the answer.
 * The originals live only in memory for the duration of one call; they are never part of an event.
 */
public record MaskedPrompt(String maskedText, Map<String, String> originals) {

    public MaskedPrompt {
        originals = Map.copyOf(originals);
    }

    public StreamingRestorer restorer() {
        return new StreamingRestorer(originals);
    }

    /** Restores a complete, non-streamed answer. */
    public String restore(String answer) {
        StreamingRestorer r = restorer();
        return r.feed(answer) + r.finish();
    }
}
