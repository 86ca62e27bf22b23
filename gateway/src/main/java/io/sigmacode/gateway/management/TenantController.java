package io.sigmacode.gateway.management;

import io.sigmacode.gateway.security.ApiKeys;
import io.sigmacode.gateway.security.SecretBox;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.tenant.ApiKeyResponse;
import io.sigmacode.kernel.tenant.AppMode;
import io.sigmacode.kernel.tenant.AppResponse;
import io.sigmacode.kernel.tenant.CreateTenantCommand;
import io.sigmacode.kernel.tenant.FindApiKeyByIdQuery;
import io.sigmacode.kernel.tenant.FindAppQuery;
import io.sigmacode.kernel.tenant.IssueApiKeyCommand;
import io.sigmacode.kernel.tenant.RegisterAppCommand;
import io.sigmacode.kernel.tenant.SetAppCanariesCommand;
import io.sigmacode.kernel.tenant.RevokeApiKeyCommand;
import io.sigmacode.kernel.tenant.RotateApiKeyCommand;
import io.sigmacode.kernel.tenant.Role;
import io.sigmacode.kernel.tenant.TenantResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.sigmacode.gateway.management.ManagementAccess.notFound;

@RestController
@RequestMapping("/api/tenants")
class TenantController {

    private final ManagementAccess access;
    private final Bus bus;
    private final SecretBox secrets;

    TenantController(ManagementAccess access, Bus bus, SecretBox secrets) {
        this.access = access;
        this.bus = bus;
        this.secrets = secrets;
    }

    record CreateTenant(@NotBlank @Size(max = 200) String name) {
    }

    record TenantCreated(String tenantId, String accountId) {
    }

    record RegisterApp(@NotBlank @Size(max = 200) String name, @NotBlank String difyApiKey, @NotBlank String mode) {
        @Override
        public String toString() {
            return "RegisterApp[name=" + name + ", difyApiKey=" + Hidden.of(difyApiKey) + ", mode=" + mode + "]";
        }
    }

    record AppRegistered(String appId) {
    }

    /** A canary in a log would tell whoever reads it what to strip from a leaked prompt. */
    record AppCanaries(@NotNull @Size(max = 100) List<@NotBlank String> canaries) {
        @Override
        public String toString() {
            return "AppCanaries[" + (canaries == null ? 0 : canaries.size()) + " hidden]";
        }
    }

    record CanariesSet(String appId, int canaries) {
    }

    /** @param expiresAt when the key stops working; absent: never */
    record IssueKey(@NotBlank @Size(max = 200) String name, @NotBlank String appId, @NotEmpty List<String> roles,
                    Instant expiresAt) {
    }

    record KeyIssued(String keyId, String key, Instant expiresAt) {
        @Override
        public String toString() {
            return "KeyIssued[keyId=" + keyId + ", key=" + Hidden.of(key) + ", expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * @param gracePeriodSeconds how long the old key keeps working next to the new one (0: it stops at once)
     * @param expiresAt          when the new key stops working; absent: never
     */
    record RotateKey(@NotNull @PositiveOrZero @Max(MAX_GRACE_SECONDS) Long gracePeriodSeconds, Instant expiresAt) {
    }

    record KeyRotated(String keyId, String key, Instant expiresAt, String replacedKeyId,
                      Instant replacedKeyValidUntil) {
        @Override
        public String toString() {
            return "KeyRotated[keyId=" + keyId + ", key=" + Hidden.of(key) + ", replacedKeyId=" + replacedKeyId + "]";
        }
    }

    /** Thirty days: long enough to roll a key through any deployment, short enough that a leak does not linger. */
    static final long MAX_GRACE_SECONDS = 30L * 24 * 3600;

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<TenantCreated> create(@Valid @RequestBody CreateTenant body, ServerWebExchange exchange) {
        String tenantId = UUID.randomUUID().toString();
        String accountId = UUID.randomUUID().toString();
        return access.admitted(exchange)
                .then(bus.send(new CreateTenantCommand(tenantId, accountId, body.name())))
                .thenReturn(new TenantCreated(tenantId, accountId));
    }

    @GetMapping("/{tenantId}")
    Mono<TenantResponse> get(@PathVariable String tenantId, ServerWebExchange exchange) {
        return access.tenant(tenantId, exchange);
    }

    @PostMapping("/{tenantId}/apps")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<AppRegistered> registerApp(@PathVariable String tenantId, @Valid @RequestBody RegisterApp body,
                                    ServerWebExchange exchange) {
        AppMode mode = AppMode.fromWire(body.mode());
        String appId = UUID.randomUUID().toString();
        return access.tenant(tenantId, exchange)
                .then(Mono.defer(() -> bus.send(new RegisterAppCommand(tenantId, appId, body.name(), mode,
                        secrets.seal(body.difyApiKey().strip(), SecretBox.appBinding(tenantId, appId))))))
                .thenReturn(new AppRegistered(appId));
    }

    /** Replaces the app's canaries; every node enforces them within a second (its key cache). */
    @PutMapping("/{tenantId}/apps/{appId}/canaries")
    Mono<CanariesSet> setCanaries(@PathVariable String tenantId, @PathVariable String appId,
                                  @Valid @RequestBody AppCanaries body, ServerWebExchange exchange) {
        return access.tenant(tenantId, exchange)
                .then(Mono.defer(() -> bus.send(new SetAppCanariesCommand(tenantId, appId, body.canaries()))))
                .thenReturn(new CanariesSet(appId, body.canaries().size()));
    }

    @PostMapping("/{tenantId}/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<KeyIssued> issueKey(@PathVariable String tenantId, @Valid @RequestBody IssueKey body,
                             ServerWebExchange exchange) {
        Set<Role> roles = body.roles().stream().map(Role::fromWire).collect(Collectors.toSet());
        if (roles.contains(Role.PLATFORM_ADMIN)) {
            throw new IllegalArgumentException("platform-admin cannot be given to a key");
        }
        String keyId = UUID.randomUUID().toString();
        String key = ApiKeys.generate();
        return access.tenant(tenantId, exchange)
                .then(bus.query(new FindAppQuery(body.appId()), AppResponse.class)
                        .filter(app -> app.tenantId().equals(tenantId))
                        .switchIfEmpty(Mono.error(() -> notFound("app " + body.appId()))))
                .then(Mono.defer(() -> bus.send(new IssueApiKeyCommand(tenantId, keyId, body.name(), body.appId(),
                        roles, ApiKeys.hash(key), ApiKeys.displayPrefix(key), body.expiresAt(), Instant.now()))))
                .thenReturn(new KeyIssued(keyId, key, body.expiresAt()));
    }

    /** A successor with the same name, app and roles; the old key works next to it for the grace period. */
    @PostMapping("/{tenantId}/api-keys/{keyId}/rotation")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<KeyRotated> rotateKey(@PathVariable String tenantId, @PathVariable String keyId,
                               @Valid @RequestBody RotateKey body, ServerWebExchange exchange) {
        String newKeyId = UUID.randomUUID().toString();
        String key = ApiKeys.generate();
        Instant now = Instant.now();
        Instant oldValidUntil = now.plusSeconds(body.gracePeriodSeconds());
        return access.tenant(tenantId, exchange)
                .then(Mono.defer(() -> bus.send(new RotateApiKeyCommand(tenantId, keyId, newKeyId, ApiKeys.hash(key),
                        ApiKeys.displayPrefix(key), body.expiresAt(), oldValidUntil, now))))
                .then(Mono.defer(() -> bus.query(new FindApiKeyByIdQuery(keyId), ApiKeyResponse.class)))
                .map(old -> new KeyRotated(newKeyId, key, body.expiresAt(), keyId, old.expiresAt()));
    }

    @DeleteMapping("/{tenantId}/api-keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revokeKey(@PathVariable String tenantId, @PathVariable String keyId, ServerWebExchange exchange) {
        return access.tenant(tenantId, exchange)
                .then(bus.query(new FindApiKeyByIdQuery(keyId), ApiKeyResponse.class)
                        .filter(k -> k.tenantId().equals(tenantId))
                        .switchIfEmpty(Mono.error(() -> notFound("key " + keyId))))
                .then(Mono.defer(() -> bus.send(new RevokeApiKeyCommand(tenantId, keyId))))
                .then();
    }
}
