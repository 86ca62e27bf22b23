package io.sigmacode.command.tenant;

import io.sigmacode.command.account.TokenAccount;
import io.sigmacode.kernel.account.OpenAccountCommand;
import io.sigmacode.kernel.tenant.CreateTenantCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Creates a tenant and its prepaid account in one unit of work, so a failure leaves neither behind: two commands
 * in a row could leave a tenant without an account.
 */
@Component
class TenantOnboarding {

    private final Repository<Tenant> tenants;
    private final Repository<TokenAccount> accounts;

    TenantOnboarding(Repository<Tenant> tenants, Repository<TokenAccount> accounts) {
        this.tenants = tenants;
        this.accounts = accounts;
    }

    @CommandHandler
    String handle(CreateTenantCommand command) throws Exception {
        tenants.newInstance(() -> new Tenant(command));
        accounts.newInstance(() -> new TokenAccount(new OpenAccountCommand(command.accountId(), command.tenantId())));
        return command.tenantId();
    }
}
