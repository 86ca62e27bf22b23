package io.sigmacode.command.account;

import io.sigmacode.command.pricing.FixedPriceBooks;
import io.sigmacode.kernel.account.AccountOpenedEvent;
import io.sigmacode.kernel.account.CheckLowBalanceCommand;
import io.sigmacode.kernel.account.CreditSource;
import io.sigmacode.kernel.account.LowBalanceAlertSetEvent;
import io.sigmacode.kernel.account.LowBalanceClearedEvent;
import io.sigmacode.kernel.account.LowBalanceReachedEvent;
import io.sigmacode.kernel.account.RevocationReason;
import io.sigmacode.kernel.account.SetLowBalanceAlertCommand;
import io.sigmacode.kernel.account.TokensCreditedEvent;
import io.sigmacode.kernel.account.TokensRevokedEvent;
import io.sigmacode.kernel.error.CommandRefusedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A low-balance alert is raised once per crossing of the threshold. */
class TokenAccountLowBalanceTest {

    private static final String ACCOUNT = "acc-1";
    private static final String URL = "https://hooks.example/low";
    private static final String SEALED = "v1:sealed";

    private final AccountOpenedEvent opened = new AccountOpenedEvent(ACCOUNT, "ten-1", 0);
    private final TokensCreditedEvent credited100 = new TokensCreditedEvent(ACCOUNT, "credit-1", 100,
            CreditSource.GRANT, "welcome");
    private final LowBalanceAlertSetEvent alertAt50 = new LowBalanceAlertSetEvent(ACCOUNT, 50, URL, SEALED);
    private final TokensRevokedEvent spent60 = new TokensRevokedEvent(ACCOUNT, "pi_1", 60, RevocationReason.REFUND);

    private FixtureConfiguration<TokenAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TokenAccount.class);
        fixture.registerInjectableResource(FixedPriceBooks.initial());
    }

    @Test
    void settingAThresholdAboveTheAvailableTokensAlertsAtOnce() {
        fixture.given(opened, credited100)
                .when(new SetLowBalanceAlertCommand(ACCOUNT, 150, URL, SEALED))
                .expectEvents(new LowBalanceAlertSetEvent(ACCOUNT, 150, URL, SEALED),
                        new LowBalanceReachedEvent(ACCOUNT, 150, 100));
    }

    @Test
    void fallingBelowTheThresholdAlertsOnce() {
        fixture.given(opened, credited100, alertAt50, spent60)
                .when(new CheckLowBalanceCommand(ACCOUNT))
                .expectEvents(new LowBalanceReachedEvent(ACCOUNT, 50, 40));
    }

    @Test
    void stayingBelowDoesNotAlertAgain() {
        fixture.given(opened, credited100, alertAt50, spent60, new LowBalanceReachedEvent(ACCOUNT, 50, 40),
                        new TokensRevokedEvent(ACCOUNT, "pi_2", 10, RevocationReason.REFUND))
                .when(new CheckLowBalanceCommand(ACCOUNT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aTopUpClearsTheAlertSoTheNextFallAlertsAgain() {
        fixture.given(opened, credited100, alertAt50, spent60, new LowBalanceReachedEvent(ACCOUNT, 50, 40),
                        new TokensCreditedEvent(ACCOUNT, "credit-2", 100, CreditSource.GRANT, "top-up"))
                .when(new CheckLowBalanceCommand(ACCOUNT))
                .expectEvents(new LowBalanceClearedEvent(ACCOUNT, 50, 140));
    }

    @Test
    void withoutAThresholdNothingIsRaised() {
        fixture.given(opened, spent60)
                .when(new CheckLowBalanceCommand(ACCOUNT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aThresholdWithoutAWebhookIsRefused() {
        fixture.given(opened)
                .when(new SetLowBalanceAlertCommand(ACCOUNT, 10, null, SEALED))
                .expectNoEvents()
                .expectException(CommandRefusedException.class);
    }
}
