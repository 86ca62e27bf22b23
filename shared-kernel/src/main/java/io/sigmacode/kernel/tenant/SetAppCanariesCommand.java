package io.sigmacode.kernel.tenant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Replaces an app's canary strings: markers the tenant placed in the app's Dify system prompt. An answer that
 * contains one leaked the prompt and is blocked. An empty list removes them.
 */
public record SetAppCanariesCommand(@TargetAggregateIdentifier String tenantId, String appId, List<String> canaries) {
}
