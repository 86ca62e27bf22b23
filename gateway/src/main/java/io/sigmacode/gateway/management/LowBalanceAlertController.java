package io.sigmacode.gateway.management;

import io.sigmacode.gateway.security.SecretBox;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.account.SetLowBalanceAlertCommand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;

/** A tenant's low-balance alert: a threshold and the webhook that hears when the account falls below it. */
@RestController
class LowBalanceAlertController {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ManagementAccess access;
    private final Bus bus;
    private final SecretBox secrets;

    LowBalanceAlertController(ManagementAccess access, Bus bus, SecretBox secrets) {
        this.access = access;
        this.bus = bus;
        this.secrets = secrets;
    }

    record Alert(@NotNull @PositiveOrZero Long threshold, @Size(max = 2048) String url) {
    }

    record AlertSet(String accountId, long threshold, String url, String signingSecret) {
        @Override
        public String toString() {
            return "AlertSet[accountId=" + accountId + ", threshold=" + threshold + ", url=" + url
                    + ", signingSecret=" + Hidden.of(signingSecret) + "]";
        }
    }

    /**
     * Each setting gets a new signing secret, shown once ({@code whsec_} and 256 random bits, as Stripe's look) and
     * stored sealed. A threshold of 0 turns alerts off.
     */
    @PutMapping("/api/accounts/{accountId}/low-balance-alert")
    Mono<AlertSet> set(@PathVariable String accountId, @Valid @RequestBody Alert body, ServerWebExchange exchange) {
        boolean on = body.threshold() > 0;
        if (on) {
            requireWebUrl(body.url());
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = on ? "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random) : null;
        return access.account(accountId, exchange)
                .then(Mono.defer(() -> bus.send(new SetLowBalanceAlertCommand(accountId, body.threshold(),
                        on ? body.url() : null, on ? secrets.seal(secret, SecretBox.alertBinding(accountId)) : null))))
                .thenReturn(new AlertSet(accountId, body.threshold(), on ? body.url() : null, secret));
    }

    private static void requireWebUrl(String url) {
        URI uri;
        try {
            uri = url == null ? null : URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("url must be an http or https URL with a host");
        }
    }
}
