package io.sigmacode.command.tenant;

import io.sigmacode.firewall.Canaries;
import io.sigmacode.firewall.InvalidPolicyException;
import io.sigmacode.kernel.error.CommandRefusedException;
import io.sigmacode.kernel.error.RefusalCode;
import io.sigmacode.kernel.tenant.ApiKeyIssuedEvent;
import io.sigmacode.kernel.tenant.ApiKeyRevokedEvent;
import io.sigmacode.kernel.tenant.AppCanariesSetEvent;
import io.sigmacode.kernel.tenant.AppRegisteredEvent;
import io.sigmacode.kernel.tenant.CreateTenantCommand;
import io.sigmacode.kernel.tenant.IssueApiKeyCommand;
import io.sigmacode.kernel.tenant.RegisterAppCommand;
import io.sigmacode.kernel.tenant.RevokeApiKeyCommand;
import io.sigmacode.kernel.tenant.SetAppCanariesCommand;
import io.sigmacode.kernel.tenant.TenantCreatedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

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
    /** key id to whether it is still active */
    private HashMap<String, Boolean> keys = new HashMap<>();

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
        apply(new ApiKeyIssuedEvent(tenantId, command.keyId(), command.name(), command.appId(), command.roles(),
                command.keyHash(), command.keyPrefix()));
    }

    @CommandHandler
    void handle(RevokeApiKeyCommand command) {
        Boolean active = keys.get(command.keyId());
        if (active == null) {
            throw new CommandRefusedException(RefusalCode.NOT_FOUND, "key " + command.keyId() + " not found");
        }
        if (active) {
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
        keys.put(event.keyId(), true);
    }

    @EventSourcingHandler
    void on(ApiKeyRevokedEvent event) {
        keys.put(event.keyId(), false);
    }
}
