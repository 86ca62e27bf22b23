package io.sigmacode.kernel.tenant;

public record FindAppQuery(String appId) {
}
