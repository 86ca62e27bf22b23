package io.sigmacode.command.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sigmacode.command.pricing.FixedPriceBooks;
import io.sigmacode.kernel.account.AccountOpenedEvent;
import io.sigmacode.kernel.account.CreditPurchasedTokensCommand;
import io.sigmacode.kernel.account.HeldTokensReleasedEvent;
import io.sigmacode.kernel.account.HoldTokensCommand;
import io.sigmacode.kernel.account.ReleaseHeldTokensCommand;
import io.sigmacode.kernel.account.ReservationRejectedEvent;
import io.sigmacode.kernel.account.RevocationReason;
import io.sigmacode.kernel.account.RevokeTokensCommand;
import io.sigmacode.kernel.account.TokenPackagePurchasedEvent;
import io.sigmacode.kernel.account.TokensHeldEvent;
import io.sigmacode.kernel.account.TokensRevokedEvent;
import io.sigmacode.kernel.call.CallDetails;
import io.sigmacode.kernel.call.CallFailedEvent;
import io.sigmacode.kernel.call.CallStartedEvent;
import io.sigmacode.kernel.call.FirewallVerdictRecordedEvent;
import io.sigmacode.kernel.call.StartCallCommand;
import io.sigmacode.kernel.error.CommandRefusedException;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Purchases, revocations and holds: what payments do to an account. */
class TokenAccountPaymentsTest {

    private static final String ACCOUNT = "acc-1";
    private static final String TENANT = "ten-1";
    private static final String PAYMENT = "pi_1";
    private static final FirewallCheck PRE_ALLOW = new FirewallCheck(Stage.PRE, Verdict.ALLOW, List.of(), 1, 12, null);

    private final AccountOpenedEvent opened = new AccountOpenedEvent(ACCOUNT, TENANT, 0);
    private final TokenPackagePurchasedEvent purchased = new TokenPackagePurchasedEvent(ACCOUNT, "stripe:cs_1",
            "cs_1", PAYMENT, "starter", 1, 1_000, 999, "EUR");

    /** The gateway's snapshot mapper sees fields, not getters; this one does the same. */
    private static final ObjectMapper SNAPSHOT_JSON = JsonMapper.builder()
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY).build();

    private FixtureConfiguration<TokenAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TokenAccount.class);
        fixture.registerInjectableResource(FixedPriceBooks.initial());
    }

    @Test
    void aPurchaseCreditsThePackageAndKeepsTheMoney() {
        fixture.given(opened)
                .when(new CreditPurchasedTokensCommand(ACCOUNT, "cs_1", PAYMENT, "starter", 1, 1_000, 999, "EUR"))
                .expectEvents(purchased);
    }

    @Test
    void aPurchaseWithoutTokensIsRefused() {
        fixture.given(opened)
                .when(new CreditPurchasedTokensCommand(ACCOUNT, "cs_1", PAYMENT, "starter", 1, 0, 999, "EUR"))
                .expectNoEvents()
                .expectException(CommandRefusedException.class);
    }

    @Test
    void aPurchaseBeyondTheAccountCeilingIsRefused() {
        fixture.given(opened, new TokenPackagePurchasedEvent(ACCOUNT, "stripe:cs_0", "cs_0", "pi_0", "big", 1,
                        TokenAccount.MAX_BALANCE, 1, "EUR"))
                .when(new CreditPurchasedTokensCommand(ACCOUNT, "cs_1", PAYMENT, "starter", 1, 1, 999, "EUR"))
                .expectNoEvents()
                .expectException(CommandRefusedException.class);
    }

    @Test
    void aRevocationMayTakeTheBalanceBelowZero() {
        fixture.given(opened)
                .when(new RevokeTokensCommand(ACCOUNT, PAYMENT, 500, RevocationReason.REFUND))
                .expectEvents(new TokensRevokedEvent(ACCOUNT, PAYMENT, 500, RevocationReason.REFUND));
    }

    @Test
    void heldTokensCannotPayForACall() {
        var details = new CallDetails(TENANT, "key-1", "app-1", "chat-messages", false, null, "node-1");
        fixture.given(opened, purchased, new TokensHeldEvent(ACCOUNT, PAYMENT, 995))
                .when(new StartCallCommand(ACCOUNT, "call-1", details, PRE_ALLOW, 4_000))
                .expectEvents(
                        new CallStartedEvent(ACCOUNT, "call-1", TENANT, "key-1", "app-1", "chat-messages", false,
                                null, "node-1", 1),
                        new FirewallVerdictRecordedEvent(ACCOUNT, "call-1", TENANT, PRE_ALLOW),
                        new ReservationRejectedEvent(ACCOUNT, "call-1", 9, 5),
                        new CallFailedEvent(ACCOUNT, "call-1", 402, "insufficient_tokens",
                                "The account cannot cover this call: 5 tokens available, 9 needed.", null));
    }

    @Test
    void aHoldFreezesTokens() {
        fixture.given(opened, purchased)
                .when(new HoldTokensCommand(ACCOUNT, PAYMENT, 200))
                .expectEvents(new TokensHeldEvent(ACCOUNT, PAYMENT, 200));
    }

    @Test
    void releasingMoreThanIsHeldIsRefused() {
        fixture.given(opened, purchased, new TokensHeldEvent(ACCOUNT, PAYMENT, 200))
                .when(new ReleaseHeldTokensCommand(ACCOUNT, PAYMENT, 201))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("only 200 tokens are held");
    }

    @Test
    void releasingAHoldMakesTheTokensAvailableAgain() {
        fixture.given(opened, purchased, new TokensHeldEvent(ACCOUNT, PAYMENT, 200))
                .when(new ReleaseHeldTokensCommand(ACCOUNT, PAYMENT, 200))
                .expectEvents(new HeldTokensReleasedEvent(ACCOUNT, PAYMENT, 200));
    }

    @Test
    void theSnapshotStaysSmallHoweverManyPurchasesTheAccountHasSeen() {
        List<Object> history = new ArrayList<>();
        history.add(opened);
        for (int i = 0; i < 2_000; i++) {
            history.add(new TokenPackagePurchasedEvent(ACCOUNT, "stripe:cs_" + i, "cs_" + i, "pi_" + i, "starter", 1,
                    1_000, 999, "EUR"));
            history.add(new TokensRevokedEvent(ACCOUNT, "pi_" + i, 1, RevocationReason.REFUND));
        }
        fixture.given(history)
                .when(new HoldTokensCommand(ACCOUNT, PAYMENT, 1))
                .expectSuccessfulHandlerExecution()
                .expectState(account -> {
                    try {
                        String snapshot = SNAPSHOT_JSON.writeValueAsString(account);
                        assertThat(snapshot).hasSizeLessThan(1_000).doesNotContain("cs_1").doesNotContain("pi_1");
                    } catch (JsonProcessingException e) {
                        throw new AssertionError(e);
                    }
                });
    }
}
