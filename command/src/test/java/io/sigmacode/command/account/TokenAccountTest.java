package io.sigmacode.command.account;

import io.sigmacode.kernel.account.AccountOpenedEvent;
import io.sigmacode.kernel.account.CreditSource;
import io.sigmacode.kernel.account.CreditTokensCommand;
import io.sigmacode.kernel.account.OpenAccountCommand;
import io.sigmacode.kernel.account.ReservationRejectedEvent;
import io.sigmacode.kernel.account.ReservationReleasedEvent;
import io.sigmacode.kernel.account.TokensCreditedEvent;
import io.sigmacode.kernel.account.TokensDebitedEvent;
import io.sigmacode.kernel.account.TokensReservedEvent;
import io.sigmacode.kernel.call.CallAdmission;
import io.sigmacode.kernel.call.CallAdmission.Decision;
import io.sigmacode.kernel.call.CallCompletedEvent;
import io.sigmacode.kernel.call.CallDetails;
import io.sigmacode.kernel.call.CallFailedEvent;
import io.sigmacode.kernel.call.CallForwardedEvent;
import io.sigmacode.kernel.call.CallStartedEvent;
import io.sigmacode.kernel.call.FirewallVerdictRecordedEvent;
import io.sigmacode.kernel.call.ReleaseCallCommand;
import io.sigmacode.kernel.call.SettleCallCommand;
import io.sigmacode.kernel.call.StartCallCommand;
import io.sigmacode.kernel.call.UpstreamResult;
import io.sigmacode.kernel.error.CommandRefusedException;
import io.sigmacode.kernel.firewall.Finding;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;
import io.sigmacode.kernel.pricing.Charge;
import io.sigmacode.kernel.pricing.Usage;
import io.sigmacode.kernel.pricing.UsageSource;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

class TokenAccountTest {

    private static final String ACCOUNT = "acc-1";
    private static final String TENANT = "ten-1";
    private static final String CALL = "call-1";
    private static final CallDetails DETAILS = new CallDetails(TENANT, "key-1", "app-1", "chat-messages", false, null);
    private static final FirewallCheck PRE_ALLOW = new FirewallCheck(Stage.PRE, Verdict.ALLOW, List.of(), 1, 12, null);
    private static final FirewallCheck PRE_BLOCK = new FirewallCheck(Stage.PRE, Verdict.BLOCK,
            List.of(new Finding("prompt_injection", "override", "injection.override@1", 0, 20, 0.97, null)), 1, 15, null);
    private static final FirewallCheck POST_ALLOW = new FirewallCheck(Stage.POST, Verdict.ALLOW, List.of(), 1, 9, null);
    private static final UpstreamResult UPSTREAM_OK = new UpstreamResult(200, 700, 690);

    private final AccountOpenedEvent opened = new AccountOpenedEvent(ACCOUNT, TENANT, 0);
    private final TokensCreditedEvent credited100 = new TokensCreditedEvent(ACCOUNT, "credit-1", 100, CreditSource.GRANT, "welcome");
    private final TokensReservedEvent reserved10 = new TokensReservedEvent(ACCOUNT, CALL, 10);

    private FixtureConfiguration<TokenAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TokenAccount.class);
    }

    private static Charge charge(long tokens) {
        return new Charge(tokens, 1, BigDecimal.valueOf(2), new Usage(100, 50, 150), UsageSource.REPORTED, 1);
    }

    private static StartCallCommand start(String callId, FirewallCheck pre, long reserve) {
        return new StartCallCommand(ACCOUNT, callId, DETAILS, pre, reserve);
    }

    @Test
    void openingAnAccountRecordsItForItsTenant() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccountCommand(ACCOUNT, TENANT))
                .expectEvents(opened);
    }

    @Test
    void openingWithoutTenantIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccountCommand(ACCOUNT, " "))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("tenantId is required");
    }

    @Test
    void creditAddsTokens() {
        fixture.given(opened)
                .when(new CreditTokensCommand(ACCOUNT, "credit-1", 100, CreditSource.GRANT, "welcome"))
                .expectEvents(credited100);
    }

    @Test
    void repeatedCreditIdCreditsOnce() {
        fixture.given(opened, credited100)
                .when(new CreditTokensCommand(ACCOUNT, "credit-1", 100, CreditSource.GRANT, "welcome"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void nonPositiveCreditIsRefused() {
        fixture.given(opened)
                .when(new CreditTokensCommand(ACCOUNT, "credit-2", 0, CreditSource.GRANT, "nothing"))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("tokens must be a positive whole number");
    }

    @Test
    void startingAnAffordableCallReservesAndForwards() {
        fixture.given(opened, credited100)
                .when(start(CALL, PRE_ALLOW, 10))
                .expectResultMessagePayload(new CallAdmission(Decision.FORWARD, 90))
                .expectEvents(
                        new CallStartedEvent(ACCOUNT, CALL, TENANT, "key-1", "app-1", "chat-messages", false, null),
                        new FirewallVerdictRecordedEvent(ACCOUNT, CALL, TENANT, PRE_ALLOW),
                        new TokensReservedEvent(ACCOUNT, CALL, 10),
                        new CallForwardedEvent(ACCOUNT, CALL, "chat-messages"));
    }

    @Test
    void reservationBeyondAvailableIsRejectedAsAFact() {
        fixture.given(opened, credited100, new TokensReservedEvent(ACCOUNT, "other", 95))
                .when(start(CALL, PRE_ALLOW, 10))
                .expectResultMessagePayload(new CallAdmission(Decision.INSUFFICIENT_TOKENS, 5))
                .expectEvents(
                        new CallStartedEvent(ACCOUNT, CALL, TENANT, "key-1", "app-1", "chat-messages", false, null),
                        new FirewallVerdictRecordedEvent(ACCOUNT, CALL, TENANT, PRE_ALLOW),
                        new ReservationRejectedEvent(ACCOUNT, CALL, 10, 5),
                        new CallFailedEvent(ACCOUNT, CALL, 402, "insufficient_tokens",
                                "The account cannot cover this call: 5 tokens available, 10 needed.", null));
    }

    @Test
    void zeroBalanceRejectsEveryReservation() {
        fixture.given(opened)
                .when(start(CALL, PRE_ALLOW, 1))
                .expectResultMessagePayload(new CallAdmission(Decision.INSUFFICIENT_TOKENS, 0));
    }

    @Test
    void blockedPromptReservesNothing() {
        fixture.given(opened, credited100)
                .when(start(CALL, PRE_BLOCK, 10))
                .expectResultMessagePayload(new CallAdmission(Decision.BLOCKED, 100))
                .expectEvents(
                        new CallStartedEvent(ACCOUNT, CALL, TENANT, "key-1", "app-1", "chat-messages", false, null),
                        new FirewallVerdictRecordedEvent(ACCOUNT, CALL, TENANT, PRE_BLOCK),
                        new CallFailedEvent(ACCOUNT, CALL, 403, "firewall_blocked",
                                "The prompt was blocked by the firewall.", null));
    }

    @Test
    void startingTheSameCallTwiceIsRefused() {
        fixture.given(opened, credited100, reserved10)
                .when(start(CALL, PRE_ALLOW, 10))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("call call-1 was already started");
    }

    @Test
    void nonPositiveReservationIsRefused() {
        fixture.given(opened, credited100)
                .when(start(CALL, PRE_ALLOW, 0))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("a reservation must be positive");
    }

    @Test
    void settlingDebitsTheActualCostAndReleasesTheRest() {
        fixture.given(opened, credited100, reserved10)
                .when(new SettleCallCommand(ACCOUNT, CALL, POST_ALLOW, charge(4), UPSTREAM_OK, 200))
                .expectEvents(
                        new FirewallVerdictRecordedEvent(ACCOUNT, CALL, TENANT, POST_ALLOW),
                        new TokensDebitedEvent(ACCOUNT, CALL, 4, 4, charge(4)),
                        new ReservationReleasedEvent(ACCOUNT, CALL, 6),
                        new CallCompletedEvent(ACCOUNT, CALL, 200, UPSTREAM_OK, new Usage(100, 50, 150)));
    }

    @Test
    void settlingAboveTheReservationDebitsEverythingAndReleasesNothing() {
        fixture.given(opened, credited100, reserved10)
                .when(new SettleCallCommand(ACCOUNT, CALL, POST_ALLOW, charge(12), UPSTREAM_OK, 200))
                .expectEvents(
                        new FirewallVerdictRecordedEvent(ACCOUNT, CALL, TENANT, POST_ALLOW),
                        new TokensDebitedEvent(ACCOUNT, CALL, 12, 10, charge(12)),
                        new CallCompletedEvent(ACCOUNT, CALL, 200, UPSTREAM_OK, new Usage(100, 50, 150)));
    }

    @Test
    void settlingTwiceChargesOnce() {
        fixture.given(opened, credited100, reserved10,
                        new TokensDebitedEvent(ACCOUNT, CALL, 4, 4, charge(4)),
                        new ReservationReleasedEvent(ACCOUNT, CALL, 6),
                        new CallCompletedEvent(ACCOUNT, CALL, 200, UPSTREAM_OK, new Usage(100, 50, 150)))
                .when(new SettleCallCommand(ACCOUNT, CALL, POST_ALLOW, charge(4), UPSTREAM_OK, 200))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void settlingAnUnknownCallIsRefused() {
        fixture.given(opened, credited100)
                .when(new SettleCallCommand(ACCOUNT, "nope", POST_ALLOW, charge(4), UPSTREAM_OK, 200))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("no open reservation for call nope");
    }

    @Test
    void releasingFreesTheWholeReservationAndFailsTheCall() {
        var upstream = new UpstreamResult(400, 30, 30);
        fixture.given(opened, credited100, reserved10)
                .when(new ReleaseCallCommand(ACCOUNT, CALL, upstream, 400, "invalid_param", "Arg user must be provided."))
                .expectEvents(
                        new ReservationReleasedEvent(ACCOUNT, CALL, 10),
                        new CallFailedEvent(ACCOUNT, CALL, 400, "invalid_param", "Arg user must be provided.", upstream));
    }

    @Test
    void releasingAFinishedCallIsANoOp() {
        fixture.given(opened, credited100, reserved10, new ReservationReleasedEvent(ACCOUNT, CALL, 10),
                        new CallFailedEvent(ACCOUNT, CALL, 502, "upstream_unavailable", "down", UpstreamResult.NONE))
                .when(new ReleaseCallCommand(ACCOUNT, CALL, UpstreamResult.NONE, 502, "upstream_unavailable", "down"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void releasedTokensCanBeReservedAgain() {
        fixture.given(opened, new TokensCreditedEvent(ACCOUNT, "c", 10, CreditSource.GRANT, "x"), reserved10,
                        new ReservationReleasedEvent(ACCOUNT, CALL, 10),
                        new CallFailedEvent(ACCOUNT, CALL, 502, "upstream_unavailable", "down", UpstreamResult.NONE))
                .when(start("call-2", PRE_ALLOW, 10))
                .expectResultMessagePayload(new CallAdmission(Decision.FORWARD, 0));
    }

    @Test
    void debitedTokensAreGoneForGood() {
        fixture.given(opened, new TokensCreditedEvent(ACCOUNT, "c", 10, CreditSource.GRANT, "x"), reserved10,
                        new TokensDebitedEvent(ACCOUNT, CALL, 4, 4, charge(4)),
                        new ReservationReleasedEvent(ACCOUNT, CALL, 6),
                        new CallCompletedEvent(ACCOUNT, CALL, 200, UPSTREAM_OK, Usage.NONE))
                .when(start("call-2", PRE_ALLOW, 7))
                .expectResultMessagePayload(new CallAdmission(Decision.INSUFFICIENT_TOKENS, 6));
    }
}
