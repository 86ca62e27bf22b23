package io.sigmacode.kernel.tenant;

public record FindApiKeyByIdQuery(String keyId) {
}
