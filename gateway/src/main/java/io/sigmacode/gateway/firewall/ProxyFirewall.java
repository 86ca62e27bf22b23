package io.sigmacode.gateway.firewall;

import io.sigmacode.command.firewall.CompiledPolicy;
import io.sigmacode.command.firewall.FirewallEngine;
import io.sigmacode.command.firewall.ScanResult;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.firewall.Stage;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The firewall as the proxy sees it: a verdict per stage under the policy in force, counted in the metrics. */
@Component
public class ProxyFirewall {

    private final FirewallEngine engine = new FirewallEngine();
    private final CompiledPolicy platformDefault = engine.compile(FirewallPolicyDocument.platformDefault());
    private final MeterRegistry meters;

    ProxyFirewall(MeterRegistry meters) {
        this.meters = meters;
    }

    public FirewallCheck check(String tenantId, Stage stage, String text) {
        ScanResult result = engine.scan(platformDefault, stage, text);
        meters.counter("sigmacode.firewall.verdicts", "stage", stage.name(), "verdict", result.verdict().name())
                .increment();
        return new FirewallCheck(stage, result.verdict(), result.findings(), platformDefault.version(),
                result.scanNanos() / 1_000, result.reason());
    }
}
