package io.sigmacode.kernel.call;

import io.sigmacode.kernel.firewall.FirewallCheck;

public record FirewallVerdictRecordedEvent(String accountId, String callId, String tenantId, FirewallCheck check) implements CallEvent {
}
