package io.sigmacode.firewall.text;

import io.sigmacode.kernel.firewall.Finding;

import java.util.List;

/** A detector. Implementations are immutable and shared by all threads. */
public interface Scanner {

    /** Scanner id with version, e.g. {@code pii@1}; rule ids in findings extend it. */
    String id();

    void scan(ScanInput input, List<Finding> out);
}
