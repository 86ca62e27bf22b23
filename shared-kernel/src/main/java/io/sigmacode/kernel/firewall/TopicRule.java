package io.sigmacode.kernel.firewall;

import java.util.List;

/** A topic as a keyword set; it fires when at least {@code minHits} distinct keywords occur. */
public record TopicRule(String id, List<String> keywords, int minHits, Verdict action) {
}
