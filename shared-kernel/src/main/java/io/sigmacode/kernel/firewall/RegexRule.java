package io.sigmacode.kernel.firewall;

/** A tenant-supplied regular expression in RE2 syntax, so that matching stays linear whatever the tenant writes. */
public record RegexRule(String id, String pattern, Verdict action) {
}
