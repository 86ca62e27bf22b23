package io.sigmacode.gateway.demo;

import io.sigmacode.gateway.security.ApiKeys;
import io.sigmacode.gateway.security.SecretBox;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.account.CreditSource;
import io.sigmacode.kernel.account.CreditTokensCommand;
import io.sigmacode.kernel.tenant.AppMode;
import io.sigmacode.kernel.tenant.CreateTenantCommand;
import io.sigmacode.kernel.tenant.IssueApiKeyCommand;
import io.sigmacode.kernel.tenant.RegisterAppCommand;
import io.sigmacode.kernel.tenant.Role;
import io.sigmacode.standin.DifyStandIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Onboards a demo tenant once the gateway serves traffic: a chat app bound to the stand-in, a developer key and free
 * tokens, through the same commands the management API sends, then prints a curl that works as it is. Each start
 * onboards a new tenant, since a key is shown only once and a restart has no way to show the old one again.
 */
class DemoOnboarding {

    static final long FREE_TOKENS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(DemoOnboarding.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Bus bus;
    private final SecretBox secrets;
    private final DifyStandIn dify;
    private volatile DemoTenant tenant;

    DemoOnboarding(Bus bus, SecretBox secrets, DifyStandIn dify) {
        this.bus = bus;
        this.secrets = secrets;
        this.dify = dify;
    }

    record DemoTenant(String tenantId, String accountId, String appId, String key) {
    }

    @EventListener
    void onReady(ApplicationReadyEvent ready) {
        tenant = onboard();
        String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
        log.info(banner(port, tenant));
    }

    /** The onboarded tenant, once the gateway is ready. */
    DemoTenant tenant() {
        return tenant;
    }

    private DemoTenant onboard() {
        String tenantId = UUID.randomUUID().toString();
        String accountId = UUID.randomUUID().toString();
        String appId = UUID.randomUUID().toString();
        String keyId = UUID.randomUUID().toString();
        String key = ApiKeys.generate();
        bus.send(new CreateTenantCommand(tenantId, accountId, "Demo"))
                .then(bus.send(new RegisterAppCommand(tenantId, appId, "Demo chat (stand-in)", AppMode.CHAT,
                        secrets.seal(DifyStandIn.DEFAULT_CHAT_KEY, SecretBox.appBinding(tenantId, appId)))))
                .then(bus.send(new IssueApiKeyCommand(tenantId, keyId, "demo", appId, Set.of(Role.DEVELOPER),
                        ApiKeys.hash(key), ApiKeys.displayPrefix(key), null, Instant.now())))
                .then(bus.send(new CreditTokensCommand(accountId, "demo-" + tenantId, FREE_TOKENS,
                        CreditSource.GRANT, "demo")))
                .block(WAIT);
        return new DemoTenant(tenantId, accountId, appId, key);
    }

    private String banner(String port, DemoTenant demo) {
        String gateway = "http://localhost:" + port;
        return String.join(System.lineSeparator(), "",
                "==== SIGMACODE_DEMO: nothing here is real ====",
                "A built-in Dify stand-in answers at " + dify.baseUrl() + " (canned answers, no model).",
                "Demo tenant " + demo.tenantId() + ", account " + demo.accountId() + ", " + FREE_TOKENS
                        + " free tokens; gateway key (shown once): " + demo.key(),
                "Try:",
                "  curl -s -XPOST " + gateway + "/v1/chat-messages -H 'Authorization: Bearer " + demo.key() + "' \\",
                "    -H 'Content-Type: application/json' \\",
                "    -d '{\"inputs\":{},\"query\":\"What can you do?\",\"response_mode\":\"blocking\","
                        + "\"user\":\"demo\"}'",
                "Streaming: the same with \"response_mode\":\"streaming\" and curl -N.",
                "==============================================");
    }
}
