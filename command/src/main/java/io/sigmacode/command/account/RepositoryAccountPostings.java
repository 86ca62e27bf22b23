package io.sigmacode.command.account;

import io.sigmacode.command.billing.AccountPostings;
import io.sigmacode.kernel.account.CreditPurchasedTokensCommand;
import io.sigmacode.kernel.account.HoldTokensCommand;
import io.sigmacode.kernel.account.ReleaseHeldTokensCommand;
import io.sigmacode.kernel.account.RevokeTokensCommand;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.function.Consumer;

/**
 * Loads the account from its repository in the payment's unit of work and runs the account's own command handler
 * on it. A nested command dispatch would do the same less visibly; this way the order of locks is plain: the
 * payment's first, then the account's, never the other way round.
 */
@Component
class RepositoryAccountPostings implements AccountPostings {

    private final ObjectProvider<Configuration> axon;

    RepositoryAccountPostings(ObjectProvider<Configuration> axon) {
        this.axon = axon;
    }

    @Override
    public void post(Object command) {
        if (command instanceof CreditPurchasedTokensCommand c) {
            on(c.accountId(), account -> account.handle(c));
        } else if (command instanceof RevokeTokensCommand c) {
            on(c.accountId(), account -> account.handle(c));
        } else if (command instanceof HoldTokensCommand c) {
            on(c.accountId(), account -> account.handle(c));
        } else if (command instanceof ReleaseHeldTokensCommand c) {
            on(c.accountId(), account -> account.handle(c));
        } else {
            throw new IllegalArgumentException("not an account posting: " + command);
        }
    }

    private void on(String accountId, Consumer<TokenAccount> change) {
        Repository<TokenAccount> accounts = axon.getObject().repository(TokenAccount.class);
        accounts.load(accountId).execute(change);
    }
}
