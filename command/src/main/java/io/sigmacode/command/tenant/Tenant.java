package io.sigmacode.command.tenant;

import io.sigmacode.firewall.Canaries;
import io.sigmacode.firewall.InvalidPolicyException;
import io.sigmacode.kernel.error.CommandRefusedException;
import io.sigmacode.kernel.error.RefusalCode;
import io.sigmacode.kernel.tenant.ApiKeyIssuedEvent;
import io.sigmacode.kernel.tenant.ApiKeyRevokedEvent;
import io.sigmacode.kernel.tenant.ApiKeyRotatedEvent;
import io.sigmacode.kernel.tenant.AppCanariesSetEvent;
import io.sigmacode.kernel.tenant.AppRegisteredEvent;
import io.sigmacode.kernel.tenant.CreateTenantCommand;
import io.sigmacode.kernel.tenant.IssueApiKeyCommand;
import io.sigmacode.kernel.tenant.RegisterAppCommand;
import io.sigmacode.kernel.tenant.RevokeApiKeyCommand;
import io.sigmacode.kernel.tenant.RotateApiKeyCommand;
import io.sigmacode.kernel.tenant.SetAppCanariesCommand;
import io.sigmacode.kernel.tenant.TenantCreatedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A customer of the platform: its Dify apps and the gateway keys that may call them. */
@Aggregate
public class Tenant {

    @AggregateIdentifier
    private String tenantId;
    private HashSet<String> apps = new HashSet<>();
    private HashMap<String, IssuedKey> keys = new HashMap<>();

    protected Tenant() {
    }

    /** Not a command handler: {@link TenantOnboarding} creates the tenant and its account in one transaction. */
    Tenant(CreateTenantCommand command) {
        if (command.name() == null || command.name().isBlank()) {
            throw new CommandRefusedException(RefusalCode.INVALID, "name is required");
        }
        apply(new TenantCreatedEvent(command.tenantId(), command.accountId(), command.name().strip()));
    }

    @CommandHandler
    void handle(RegisterAppCommand command) {
        if (apps.contains(command.appId())) {
            throw new CommandRefusedException(RefusalCode.CONFLICT, "app " + command.appId() + " already exists");
        }
        if (command.name() == null || command.name().isBlank()) {
            throw new CommandRefusedException(RefusalCode.INVALID, "name is required");
        }
        if (command.mode() == null) {
            throw new CommandRefusedException(RefusalCode.INVALID, "mode is required");
        }
        apply(new AppRegisteredEvent(tenantId, command.appId(), command.name().strip(), command.mode(),
                command.sealedDifyKey()));
    }

    /** The canaries are validated here by the firewall's own rules (length, count), so a bad one never lands. */
    @CommandHandler
    void handle(SetAppCanariesCommand command) {
        if (!apps.contains(command.appId())) {
            throw new CommandRefusedException(RefusalCode.NOT_FOUND, "app " + command.appId() + " not found");
        }
        List<String> canaries = command.canaries() == null ? List.of() : command.canaries();
        try {
            Canaries.of(canaries);
        } catch (InvalidPolicyException e) {
            throw new CommandRefusedException(RefusalCode.INVALID, e.getMessage());
        }
        apply(new AppCanariesSetEvent(tenantId, command.appId(), canaries));
    }

    @CommandHandler
    void handle(IssueApiKeyCommand command) {
        if (!apps.contains(command.appId())) {
            throw new CommandRefusedException(RefusalCode.NOT_FOUND, "app " + command.appId() + " not found");
        }
        if (keys.containsKey(command.keyId())) {
            throw new CommandRefusedException(RefusalCode.CONFLICT, "key " + command.keyId() + " already exists");
        }
        if (command.roles().isEmpty()) {
            throw new CommandRefusedException(RefusalCode.INVALID, "a key needs at least one role");
        }
        requireFuture(command.expiresAt(), command.issuedAt());
        apply(new ApiKeyIssuedEvent(tenantId, command.keyId(), command.name(), command.appId(), command.roles(),
                command.keyHash(), command.keyPrefix(), command.expiresAt()));
    }

    /** The successor inherits name, app and roles; the old key keeps working for the grace period only. */
    @CommandHandler
    void handle(RotateApiKeyCommand command) {
        IssuedKey old = keys.get(command.keyId());
        if (old == null) {
            throw new CommandRefusedException(RefusalCode.NOT_FOUND, "key " + command.keyId() + " not found");
        }
        if (!old.usableAt(command.rotatedAt())) {
            throw new CommandRefusedException(RefusalCode.CONFLICT,
                    "key " + command.keyId() + " is revoked or expired; issue a new key instead");
        }
        if (keys.containsKey(command.newKeyId())) {
            throw new CommandRefusedException(RefusalCode.CONFLICT, "key " + command.newKeyId() + " already exists");
        }
        if (command.oldKeyValidUntil() == null || command.oldKeyValidUntil().isBefore(command.rotatedAt())) {
            throw new CommandRefusedException(RefusalCode.INVALID, "the grace period must not be negative");
        }
        requireFuture(command.expiresAt(), command.rotatedAt());
        Instant oldUntil = old.expiresAt() != null && old.expiresAt().isBefore(command.oldKeyValidUntil())
                ? old.expiresAt() : command.oldKeyValidUntil();
        apply(new ApiKeyIssuedEvent(tenantId, command.newKeyId(), old.name(), old.appId(), old.roles(),
                command.keyHash(), command.keyPrefix(), command.expiresAt()));
        apply(new ApiKeyRotatedEvent(tenantId, command.keyId(), command.newKeyId(), oldUntil));
    }

    private static void requireFuture(Instant expiresAt, Instant now) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new CommandRefusedException(RefusalCode.INVALID, "expiresAt must be in the future");
        }
    }

    @CommandHandler
    void handle(RevokeApiKeyCommand command) {
        IssuedKey key = keys.get(command.keyId());
        if (key == null) {
            throw new CommandRefusedException(RefusalCode.NOT_FOUND, "key " + command.keyId() + " not found");
        }
        if (!key.revoked()) {
            apply(new ApiKeyRevokedEvent(tenantId, command.keyId()));
        }
    }

    @EventSourcingHandler
    void on(TenantCreatedEvent event) {
        tenantId = event.tenantId();
    }

    @EventSourcingHandler
    void on(AppRegisteredEvent event) {
        apps.add(event.appId());
    }

    @EventSourcingHandler
    void on(ApiKeyIssuedEvent event) {
        keys.put(event.keyId(), new IssuedKey(event.name(), event.appId(), event.roles(), event.expiresAt(), false));
    }

    @EventSourcingHandler
    void on(ApiKeyRotatedEvent event) {
        keys.computeIfPresent(event.keyId(), (id, key) -> key.until(event.validUntil()));
    }

    @EventSourcingHandler
    void on(ApiKeyRevokedEvent event) {
        keys.computeIfPresent(event.keyId(), (id, key) -> key.revoke());
    }
}
