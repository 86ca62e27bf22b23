package io.sigmacode.kernel.account;

/** The calls of one endpoint in a statement and what they cost. */
public record EndpointDebits(String endpoint, long calls, long tokens) {
}
