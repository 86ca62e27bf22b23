package io.sigmacode.command.tenant;

import io.sigmacode.command.account.TokenAccount;
import io.sigmacode.command.policy.FirewallPolicy;
import io.sigmacode.kernel.account.OpenAccountCommand;
import io.sigmacode.kernel.tenant.CreateTenantCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Creates a tenant, its prepaid account and its firewall policy stream in one unit of work, so a failure leaves neither behind: two commands
 * in a row could leave a tenant without an account.
 */
@Component
class TenantOnboarding {

    private final Repository<Tenant> tenants;
    private final Repository<TokenAccount> accounts;
    private final Repository<FirewallPolicy> policies;

    TenantOnboarding(Repository<Tenant> tenants, Repository<TokenAccount> accounts,
                     Repository<FirewallPolicy> policies) {
        this.tenants = tenants;
        this.accounts = accounts;
        this.policies = policies;
    }

    @CommandHandler
    String handle(CreateTenantCommand command) throws Exception {
        tenants.newInstance(() -> new Tenant(command));
        accounts.newInstance(() -> new TokenAccount(new OpenAccountCommand(command.accountId(), command.tenantId())));
        policies.newInstance(() -> new FirewallPolicy(command.tenantId()));
        return command.tenantId();
    }
}
