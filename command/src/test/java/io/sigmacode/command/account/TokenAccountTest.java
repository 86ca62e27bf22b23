package io.sigmacode.command.account;

import io.sigmacode.command.pricing.FixedPriceBooks;
import io.sigmacode.kernel.account.AccountOpenedEvent;
import io.sigmacode.kernel.account.CreditSource;
import io.sigmacode.kernel.account.CreditTokensCommand;
import io.sigmacode.kernel.account.HoldTokensCommand;
import io.sigmacode.kernel.account.OpenAccountCommand;
import io.sigmacode.kernel.account.ReservationRejectedEvent;
import io.sigmacode.kernel.account.ReservationReleasedEvent;
import io.sigmacode.kernel.account.RevocationReason;
import io.sigmacode.kernel.account.RevokeTokensCommand;
import io.sigmacode.kernel.account.TokensCreditedEvent;
import io.sigmacode.kernel.account.TokensDebitedEvent;
import io.sigmacode.kernel.account.TokensReservedEvent;
import io.sigmacode.kernel.call.CallAdmission.Decision;
import io.sigmacode.kernel.call.CallAdmission;
import io.sigmacode.kernel.call.CallCompletedEvent;
import io.sigmacode.kernel.call.CallDetails;
import io.sigmacode.kernel.call.CallFailedEvent;
import io.sigmacode.kernel.call.CallForwardedEvent;
import io.sigmacode.kernel.call.CallOutcome;
import io.sigmacode.kernel.call.CallStartedEvent;
import io.sigmacode.kernel.call.ChargeFlaggedForReviewEvent;
import io.sigmacode.kernel.call.FirewallVerdictRecordedEvent;
import io.sigmacode.kernel.call.ReleaseCallCommand;
import io.sigmacode.kernel.call.RecordFreeCallCommand;
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
    private static final String NODE = "node-1";
    private static final CallDetails DETAILS = new CallDetails(TENANT, "key-1", "app-1", "chat-messages", false, null,
            NODE);
    private static final FirewallCheck PRE_ALLOW = new FirewallCheck(Stage.PRE, Verdict.ALLOW, List.of(), 1, 12, null);
    private static final FirewallCheck PRE_BLOCK = new FirewallCheck(Stage.PRE, Verdict.BLOCK,
            List.of(new Finding("prompt_injection", "override", "injection.override@1", 0, 20, 0.97, null)), 1, 15,
            null);
    private static final FirewallCheck POST_ALLOW = new FirewallCheck(Stage.POST, Verdict.ALLOW, List.of(), 1, 9, null);
    private static final UpstreamResult UPSTREAM_OK = new UpstreamResult(200, 700, 690);
    /** 1 flat + 2 per 1,000: 4,500 assumed LLM tokens reserve 10 platform tokens. */
    private static final long ASSUMED_FOR_10 = 4_500;
    private static final Usage USAGE_4 = new Usage(1000, 500, 1500);

    private final AccountOpenedEvent opened = new AccountOpenedEvent(ACCOUNT, TENANT, 0);
    private final TokensCreditedEvent credited100 = new TokensCreditedEvent(ACCOUNT, "credit-1", 100,
            CreditSource.GRANT, "welcome");
    private final CallStartedEvent started = startedEvent(CALL);
    private final TokensReservedEvent reserved10 = new TokensReservedEvent(ACCOUNT, CALL, 10);

    private FixtureConfiguration<TokenAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TokenAccount.class);
        fixture.registerInjectableResource(FixedPriceBooks.initial());
    }

    private static CallStartedEvent startedEvent(String callId) {
        return new CallStartedEvent(ACCOUNT, callId, TENANT, "key-1", "app-1", "chat-messages", false, null, NODE,
                1);
    }

    private static Charge charge(long tokens, Usage usage, UsageSource source) {
        return new Charge(tokens, 1, BigDecimal.valueOf(2), usage, source, 1);
    }

    private static StartCallCommand start(String callId, FirewallCheck pre, long assumedLlmTokens) {
        return new StartCallCommand(ACCOUNT, callId, DETAILS, pre, assumedLlmTokens);
    }

    private static SettleCallCommand settle(Usage reported, Usage estimated) {
        return new SettleCallCommand(ACCOUNT, CALL, CallOutcome.completed(POST_ALLOW, reported, estimated,
                UPSTREAM_OK, 200));
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
    void creditThatWouldOverflowTheBalanceIsRefused() {
        fixture.given(opened, credited100)
                .when(new CreditTokensCommand(ACCOUNT, "credit-2", Long.MAX_VALUE, CreditSource.GRANT, "huge"))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(
                        "the balance would exceed 1000000000000000 tokens, the most an account can hold");
    }

    @Test
    void creditUpToTheLargestBalanceIsAccepted() {
        fixture.given(opened, credited100)
                .when(new CreditTokensCommand(ACCOUNT, "credit-2", TokenAccount.MAX_BALANCE - 100,
                        CreditSource.GRANT, "all of it"))
                .expectEvents(new TokensCreditedEvent(ACCOUNT, "credit-2", TokenAccount.MAX_BALANCE - 100,
                        CreditSource.GRANT, "all of it"));
    }

    @Test
    void startingAnAffordableCallReservesWhatThePriceBookChargesAndForwards() {
        fixture.given(opened, credited100)
                .when(start(CALL, PRE_ALLOW, ASSUMED_FOR_10))
                .expectResultMessagePayload(new CallAdmission(Decision.FORWARD, 90, 10))
                .expectEvents(
                        started,
                        new FirewallVerdictRecordedEvent(ACCOUNT, CALL, TENANT, PRE_ALLOW),
                        new TokensReservedEvent(ACCOUNT, CALL, 10),
                        new CallForwardedEvent(ACCOUNT, CALL, "chat-messages", NODE));
    }

    @Test
    void reservationBeyondAvailableIsRejectedAsAFact() {
        fixture.given(opened, credited100, startedEvent("other"), new TokensReservedEvent(ACCOUNT, "other", 95))
                .when(start(CALL, PRE_ALLOW, ASSUMED_FOR_10))
                .expectResultMessagePayload(new CallAdmission(Decision.INSUFFICIENT_TOKENS, 5, 10))
                .expectEvents(
                        started,
                        new FirewallVerdictRecordedEvent(ACCOUNT, CALL, TENANT, PRE_ALLOW),
                        new ReservationRejectedEvent(ACCOUNT, CALL, 10, 5),
                        new CallFailedEvent(ACCOUNT, CALL, 402, "insufficient_tokens",
                                "The account cannot cover this call: 5 tokens available, 10 needed.", null));
    }

    @Test
    void zeroBalanceRejectsEveryReservation() {
        fixture.given(opened)
                .when(start(CALL, PRE_ALLOW, 0))
                .expectResultMessagePayload(new CallAdmission(Decision.INSUFFICIENT_TOKENS, 0, 1));
    }

    @Test
    void blockedPromptReservesNothing() {
        fixture.given(opened, credited100)
                .when(start(CALL, PRE_BLOCK, ASSUMED_FOR_10))
                .expectResultMessagePayload(new CallAdmission(Decision.BLOCKED, 100, 10))
                .expectEvents(
                        started,
                        new FirewallVerdictRecordedEvent(ACCOUNT, CALL, TENANT, PRE_BLOCK),
                        new CallFailedEvent(ACCOUNT, CALL, 403, "firewall_blocked",
                                "The prompt was blocked by the firewall.", null));
    }

    @Test
    void startingTheSameCallTwiceIsRefused() {
        fixture.given(opened, credited100, started, reserved10)
                .when(start(CALL, PRE_ALLOW, ASSUMED_FOR_10))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("call call-1 was already started");
    }

    @Test
    void negativeAssumedUsageIsRefused() {
        fixture.given(opened, credited100)
                .when(start(CALL, PRE_ALLOW, -1))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("the assumed usage cannot be negative");
    }

    @Test
    void anEndpointWithoutPriceIsRefused() {
        fixture.given(opened, credited100)
                .when(new StartCallCommand(ACCOUNT, CALL, new CallDetails(TENANT, "key-1", "app-1", "nope", false,
                        null, NODE), PRE_ALLOW, 10))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("endpoint nope has no price");
    }

    @Test
    void settlingPricesTheReportedUsageDebitsItAndReleasesTheRest() {
        fixture.given(opened, credited100, started, reserved10)
                .when(settle(USAGE_4, Usage.NONE))
                .expectEvents(
                        new FirewallVerdictRecordedEvent(ACCOUNT, CALL, TENANT, POST_ALLOW),
                        new TokensDebitedEvent(ACCOUNT, CALL, 4, 4, charge(4, USAGE_4, UsageSource.REPORTED)),
                        new ReservationReleasedEvent(ACCOUNT, CALL, 6),
                        new CallCompletedEvent(ACCOUNT, CALL, 200, UPSTREAM_OK, USAGE_4));
    }

    @Test
    void settlingWithoutReportedUsageChargesTheEstimate() {
        var estimate = new Usage(500, 0, 500);
        fixture.given(opened, credited100, started, reserved10)
                .when(settle(null, estimate))
                .expectEvents(
                        new FirewallVerdictRecordedEvent(ACCOUNT, CALL, TENANT, POST_ALLOW),
                        new TokensDebitedEvent(ACCOUNT, CALL, 2, 2, charge(2, estimate, UsageSource.ESTIMATED)),
                        new ReservationReleasedEvent(ACCOUNT, CALL, 8),
                        new CallCompletedEvent(ACCOUNT, CALL, 200, UPSTREAM_OK, estimate));
    }

    @Test
    void settlingAboveTheReservationDebitsEverythingAndReleasesNothing() {
        var usage = new Usage(5000, 500, 5500);
        fixture.given(opened, credited100, started, reserved10)
                .when(settle(usage, Usage.NONE))
                .expectEvents(
                        new FirewallVerdictRecordedEvent(ACCOUNT, CALL, TENANT, POST_ALLOW),
                        new TokensDebitedEvent(ACCOUNT, CALL, 12, 10, charge(12, usage, UsageSource.REPORTED)),
                        new CallCompletedEvent(ACCOUNT, CALL, 200, UPSTREAM_OK, usage));
    }

    @Test
    void usageAboveTheCeilingIsChargedAtTheCeilingAndFlagged() {
        var reported = new Usage(9_000_000_000_000_000_000L, 0, 9_000_000_000_000_000_000L);
        var capped = new Usage(2_000_000, 0, 2_000_000);
        fixture.given(opened, credited100, started, reserved10)
                .when(settle(reported, Usage.NONE))
                .expectEvents(
                        new FirewallVerdictRecordedEvent(ACCOUNT, CALL, TENANT, POST_ALLOW),
                        new ChargeFlaggedForReviewEvent(ACCOUNT, CALL, "above_ceiling", reported, 4_001),
                        new TokensDebitedEvent(ACCOUNT, CALL, 4_001, 10, charge(4_001, capped, UsageSource.REPORTED)),
                        new CallCompletedEvent(ACCOUNT, CALL, 200, UPSTREAM_OK, capped));
    }

    @Test
    void negativeReportedUsageIsChargedAsTheEstimateAndFlagged() {
        var reported = new Usage(-5, 10, -1);
        var estimate = new Usage(500, 0, 500);
        fixture.given(opened, credited100, started, reserved10)
                .when(settle(reported, estimate))
                .expectEvents(
                        new FirewallVerdictRecordedEvent(ACCOUNT, CALL, TENANT, POST_ALLOW),
                        new ChargeFlaggedForReviewEvent(ACCOUNT, CALL, "invalid_usage", reported, 4_001),
                        new TokensDebitedEvent(ACCOUNT, CALL, 2, 2, charge(2, estimate, UsageSource.ESTIMATED)),
                        new ReservationReleasedEvent(ACCOUNT, CALL, 8),
                        new CallCompletedEvent(ACCOUNT, CALL, 200, UPSTREAM_OK, estimate));
    }

    @Test
    void aFailedCallThatReachedDifyIsChargedAndRecordedAsFailed() {
        var upstream = new UpstreamResult(504, 60_000, 0);
        var estimate = new Usage(500, 0, 500);
        fixture.given(opened, credited100, started, reserved10)
                .when(new SettleCallCommand(ACCOUNT, CALL, CallOutcome.failed(FirewallCheck.notScanned(Stage.POST,
                        "no_answer"), null, estimate, upstream, 504, "upstream_timeout", "Dify did not answer.")))
                .expectEvents(
                        new FirewallVerdictRecordedEvent(ACCOUNT, CALL, TENANT,
                                FirewallCheck.notScanned(Stage.POST, "no_answer")),
                        new TokensDebitedEvent(ACCOUNT, CALL, 2, 2, charge(2, estimate, UsageSource.ESTIMATED)),
                        new ReservationReleasedEvent(ACCOUNT, CALL, 8),
                        new CallFailedEvent(ACCOUNT, CALL, 504, "upstream_timeout", "Dify did not answer.", upstream));
    }

    @Test
    void settlingTwiceChargesOnce() {
        fixture.given(opened, credited100, started, reserved10,
                        new TokensDebitedEvent(ACCOUNT, CALL, 4, 4, charge(4, USAGE_4, UsageSource.REPORTED)),
                        new ReservationReleasedEvent(ACCOUNT, CALL, 6),
                        new CallCompletedEvent(ACCOUNT, CALL, 200, UPSTREAM_OK, USAGE_4))
                .when(settle(USAGE_4, Usage.NONE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void settlingAnUnknownCallIsRefused() {
        fixture.given(opened, credited100)
                .when(new SettleCallCommand(ACCOUNT, "nope", CallOutcome.completed(POST_ALLOW, USAGE_4, null,
                        UPSTREAM_OK, 200)))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("no open reservation for call nope");
    }

    @Test
    void settlingWithoutAnOutcomeIsRefused() {
        fixture.given(opened, credited100, started, reserved10)
                .when(new SettleCallCommand(ACCOUNT, CALL, null))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("a settlement needs an outcome and a post-check");
    }

    @Test
    void releasingFreesTheWholeReservationAndFailsTheCall() {
        var upstream = new UpstreamResult(400, 30, 30);
        fixture.given(opened, credited100, started, reserved10)
                .when(new ReleaseCallCommand(ACCOUNT, CALL, upstream, 400, "invalid_param",
                        "Arg user must be provided."))
                .expectEvents(
                        new ReservationReleasedEvent(ACCOUNT, CALL, 10),
                        new CallFailedEvent(ACCOUNT, CALL, 400, "invalid_param", "Arg user must be provided.",
                                upstream));
    }

    @Test
    void releasingAFinishedCallIsANoOp() {
        fixture.given(opened, credited100, started, reserved10, new ReservationReleasedEvent(ACCOUNT, CALL, 10),
                        new CallFailedEvent(ACCOUNT, CALL, 502, "upstream_unavailable", "down", UpstreamResult.NONE))
                .when(new ReleaseCallCommand(ACCOUNT, CALL, UpstreamResult.NONE, 502, "upstream_unavailable", "down"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void releasedTokensCanBeReservedAgain() {
        fixture.given(opened, new TokensCreditedEvent(ACCOUNT, "c", 10, CreditSource.GRANT, "x"), started,
                        reserved10, new ReservationReleasedEvent(ACCOUNT, CALL, 10),
                        new CallFailedEvent(ACCOUNT, CALL, 502, "upstream_unavailable", "down", UpstreamResult.NONE))
                .when(start("call-2", PRE_ALLOW, ASSUMED_FOR_10))
                .expectResultMessagePayload(new CallAdmission(Decision.FORWARD, 0, 10));
    }

    @Test
    void debitedTokensAreGoneForGood() {
        fixture.given(opened, new TokensCreditedEvent(ACCOUNT, "c", 10, CreditSource.GRANT, "x"), started,
                        reserved10,
                        new TokensDebitedEvent(ACCOUNT, CALL, 4, 4, charge(4, USAGE_4, UsageSource.REPORTED)),
                        new ReservationReleasedEvent(ACCOUNT, CALL, 6),
                        new CallCompletedEvent(ACCOUNT, CALL, 200, UPSTREAM_OK, USAGE_4))
                .when(start("call-2", PRE_ALLOW, 3_000))
                .expectResultMessagePayload(new CallAdmission(Decision.INSUFFICIENT_TOKENS, 6, 7));
    }

    @Test
    void revocationOrHoldBeyondTheLargestAmountIsRefused() {
        fixture.given(opened, credited100)
                .when(new RevokeTokensCommand(ACCOUNT, "pi_1", Long.MAX_VALUE, RevocationReason.REFUND))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("tokens must be at most 1000000000000000");
        fixture.given(opened, credited100)
                .when(new HoldTokensCommand(ACCOUNT, "pi_1", TokenAccount.MAX_BALANCE + 1))
                .expectNoEvents()
                .expectException(CommandRefusedException.class);
    }

    @Test
    void aFreeCallIsRecordedWithADebitOfNothingAndNoReservation() {
        var details = new CallDetails(TENANT, "key-1", "app-1", "conversations", false, null, NODE);
        fixture.given(opened, credited100)
                .when(new RecordFreeCallCommand(ACCOUNT, "free-1", details, null, UPSTREAM_OK, 200, null, null))
                .expectEvents(
                        new CallStartedEvent(ACCOUNT, "free-1", TENANT, "key-1", "app-1", "conversations", false,
                                null, NODE, 1),
                        new CallForwardedEvent(ACCOUNT, "free-1", "conversations", NODE),
                        new TokensDebitedEvent(ACCOUNT, "free-1", 0, 0,
                                new Charge(0, 0, BigDecimal.valueOf(2), Usage.NONE, UsageSource.REPORTED, 1)),
                        new CallCompletedEvent(ACCOUNT, "free-1", 200, UPSTREAM_OK, Usage.NONE));
    }

    @Test
    void aFreeCallDifyRefusedIsRecordedAsFailed() {
        var details = new CallDetails(TENANT, "key-1", "app-1", "messages", false, null, NODE);
        var notFound = new UpstreamResult(404, 5, 5);
        fixture.given(opened)
                .when(new RecordFreeCallCommand(ACCOUNT, "free-2", details, null, notFound, 404, "not_found",
                        "Conversation Not Exists."))
                .expectEvents(
                        new CallStartedEvent(ACCOUNT, "free-2", TENANT, "key-1", "app-1", "messages", false, null,
                                NODE, 1),
                        new CallForwardedEvent(ACCOUNT, "free-2", "messages", NODE),
                        new TokensDebitedEvent(ACCOUNT, "free-2", 0, 0,
                                new Charge(0, 0, BigDecimal.valueOf(2), Usage.NONE, UsageSource.REPORTED, 1)),
                        new CallFailedEvent(ACCOUNT, "free-2", 404, "not_found", "Conversation Not Exists.",
                                notFound));
    }

    @Test
    void aFreeCallRecordedTwiceIsRecordedOnce() {
        var details = new CallDetails(TENANT, "key-1", "app-1", "meta", false, null, NODE);
        fixture.given(opened, new CallStartedEvent(ACCOUNT, "free-3", TENANT, "key-1", "app-1", "meta", false, null,
                        NODE, 1), new CallCompletedEvent(ACCOUNT, "free-3", 200, UPSTREAM_OK, Usage.NONE))
                .when(new RecordFreeCallCommand(ACCOUNT, "free-3", details, null, UPSTREAM_OK, 200, null, null))
                .expectNoEvents();
    }

    @Test
    void aFreeCallsVerdictOnWhatDifyServedBackIsRecordedWithIt() {
        var details = new CallDetails(TENANT, "key-1", "app-1", "messages", false, null, NODE);
        var redacted = new FirewallCheck(Stage.POST, Verdict.REDACT,
                List.of(new Finding("pii", "email", "pii.email@1", 3, 20, 1.0, null)), 1, 40, null);
        fixture.given(opened)
                .when(new RecordFreeCallCommand(ACCOUNT, "free-4", details, redacted, UPSTREAM_OK, 200, null, null))
                .expectEvents(
                        new CallStartedEvent(ACCOUNT, "free-4", TENANT, "key-1", "app-1", "messages", false, null,
                                NODE, 1),
                        new CallForwardedEvent(ACCOUNT, "free-4", "messages", NODE),
                        new FirewallVerdictRecordedEvent(ACCOUNT, "free-4", TENANT, redacted),
                        new TokensDebitedEvent(ACCOUNT, "free-4", 0, 0,
                                new Charge(0, 0, BigDecimal.valueOf(2), Usage.NONE, UsageSource.REPORTED, 1)),
                        new CallCompletedEvent(ACCOUNT, "free-4", 200, UPSTREAM_OK, Usage.NONE));
    }
}
