package io.sigmacode.kernel.tenant;

/** Looks a gateway key up by the SHA-256 of the presented key. */
public record FindApiKeyQuery(String keyHash) {
}
