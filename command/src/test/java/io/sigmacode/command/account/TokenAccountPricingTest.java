package io.sigmacode.command.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sigmacode.command.pricing.FixedPriceBooks;
import io.sigmacode.command.pricing.PriceBook;
import io.sigmacode.kernel.account.AccountOpenedEvent;
import io.sigmacode.kernel.account.CreditSource;
import io.sigmacode.kernel.account.CreditTokensCommand;
import io.sigmacode.kernel.account.ReservationReleasedEvent;
import io.sigmacode.kernel.account.TokensCreditedEvent;
import io.sigmacode.kernel.account.TokensDebitedEvent;
import io.sigmacode.kernel.account.TokensReservedEvent;
import io.sigmacode.kernel.call.CallAdmission;
import io.sigmacode.kernel.call.CallAdmission.Decision;
import io.sigmacode.kernel.call.CallCompletedEvent;
import io.sigmacode.kernel.call.CallDetails;
import io.sigmacode.kernel.call.CallForwardedEvent;
import io.sigmacode.kernel.call.CallOutcome;
import io.sigmacode.kernel.call.CallStartedEvent;
import io.sigmacode.kernel.call.FirewallVerdictRecordedEvent;
import io.sigmacode.kernel.call.SettleCallCommand;
import io.sigmacode.kernel.call.StartCallCommand;
import io.sigmacode.kernel.call.UpstreamResult;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which version prices a call, per-app rates and free endpoints, as the account applies them. */
class TokenAccountPricingTest {

    private static final String ACCOUNT = "acc-1";
    private static final String TENANT = "ten-1";
    private static final String CALL = "call-1";
    private static final FirewallCheck PRE = new FirewallCheck(Stage.PRE, Verdict.ALLOW, List.of(), 1, 1, null);
    private static final FirewallCheck POST = new FirewallCheck(Stage.POST, Verdict.ALLOW, List.of(), 1, 1, null);
    private static final UpstreamResult OK = new UpstreamResult(200, 10, 5);
    private static final Usage USAGE = new Usage(1500, 500, 2000);
    /** Version 2: every fee doubled, 5 per 1,000, app "gpt" at 10 per 1,000, uploads free. */
    private static final PriceBook V2 = new PriceBook(2, Map.of("chat-messages", 2L, "files/upload", 40L),
            BigDecimal.valueOf(5), Map.of("gpt", BigDecimal.TEN), Set.of("files/upload"), 2_000_000);

    private final AccountOpenedEvent opened = new AccountOpenedEvent(ACCOUNT, TENANT, 0);
    private final TokensCreditedEvent credited = new TokensCreditedEvent(ACCOUNT, "c-1", 1_000, CreditSource.GRANT,
            "x");
    private FixtureConfiguration<TokenAccount> fixture;
    private FixedPriceBooks books;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TokenAccount.class);
        books = new FixedPriceBooks(PriceBook.initial(), V2);
        fixture.registerInjectableResource(books);
    }

    private static CallStartedEvent started(String app, String endpoint, Integer version) {
        return new CallStartedEvent(ACCOUNT, CALL, TENANT, "key", app, endpoint, false, null, "node-a", version);
    }

    private static SettleCallCommand settle() {
        return new SettleCallCommand(ACCOUNT, CALL, CallOutcome.completed(POST, USAGE, null, OK, 200));
    }

    @Test
    void aCallStartsUnderTheVersionInForceAndTheEventSaysWhichOne() {
        var details = new CallDetails(TENANT, "key", "gpt", "chat-messages", false, null, "node-a");
        // 2 flat + 1,000 assumed LLM tokens at gpt's 10 per 1,000
        fixture.given(opened, credited)
                .when(new StartCallCommand(ACCOUNT, CALL, details, PRE, 1_000))
                .expectResultMessagePayload(new CallAdmission(Decision.FORWARD, 988, 12))
                .expectEvents(started("gpt", "chat-messages", 2),
                        new FirewallVerdictRecordedEvent(ACCOUNT, CALL, TENANT, PRE),
                        new TokensReservedEvent(ACCOUNT, CALL, 12),
                        new CallForwardedEvent(ACCOUNT, CALL, "chat-messages", "node-a"));
    }

    @Test
    void aCallStartedUnderAnOlderVersionIsSettledByItWhateverIsInForceNow() {
        // started on some node under version 1; version 2 is in force where it is settled
        Charge v1 = new Charge(1 + 4, 1, BigDecimal.valueOf(2), USAGE, UsageSource.REPORTED, 1);
        fixture.given(opened, credited, started("gpt", "chat-messages", 1), new TokensReservedEvent(ACCOUNT, CALL, 9))
                .when(settle())
                .expectResultMessagePayload(v1)
                .expectEvents(new FirewallVerdictRecordedEvent(ACCOUNT, CALL, TENANT, POST),
                        new TokensDebitedEvent(ACCOUNT, CALL, 5, 5, v1),
                        new ReservationReleasedEvent(ACCOUNT, CALL, 4),
                        new CallCompletedEvent(ACCOUNT, CALL, 200, OK, USAGE));
    }

    @Test
    void anAppWithItsOwnRateIsChargedByIt() {
        Charge v2 = new Charge(2 + 20, 2, BigDecimal.TEN, USAGE, UsageSource.REPORTED, 2);
        fixture.given(opened, credited, started("gpt", "chat-messages", 2), new TokensReservedEvent(ACCOUNT, CALL, 22))
                .when(settle())
                .expectResultMessagePayload(v2);
    }

    @Test
    void aFreeEndpointReservesAndDebitsNothing() {
        var details = new CallDetails(TENANT, "key", "gpt", "files/upload", false, null, "node-a");
        fixture.given(opened)
                .when(new StartCallCommand(ACCOUNT, CALL, details, PRE, 1_000))
                .expectResultMessagePayload(new CallAdmission(Decision.FORWARD, 0, 0));
        fixture.given(opened, started("gpt", "files/upload", 2), new TokensReservedEvent(ACCOUNT, CALL, 0))
                .when(settle())
                .expectResultMessagePayload(new Charge(0, 0, BigDecimal.ZERO, USAGE, UsageSource.REPORTED, 2));
    }

    @Test
    void aCallRecordedBeforeVersionsWereKeptIsSettledByTheVersionInForce() {
        Charge v2 = new Charge(2 + 10, 2, BigDecimal.valueOf(5), USAGE, UsageSource.REPORTED, 2);
        fixture.given(opened, credited, started("app-1", "chat-messages", null),
                        new TokensReservedEvent(ACCOUNT, CALL, 12))
                .when(settle())
                .expectResultMessagePayload(v2);
    }

    @Test
    void theSnapshotStaysSmallHoweverManyGrantsTheAccountHasSeen() {
        List<Object> history = new ArrayList<>(List.of(opened));
        for (int i = 0; i < 5_000; i++) {
            history.add(new TokensCreditedEvent(ACCOUNT, "grant-" + i, 1, CreditSource.GRANT, "x"));
        }
        var snapshots = JsonMapper.builder().visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .build();
        fixture.given(history)
                .when(new CreditTokensCommand(ACCOUNT, "grant-4999", 1, CreditSource.GRANT, "a retry"))
                .expectNoEvents()
                .expectState(account -> {
                    try {
                        String snapshot = snapshots.writeValueAsString(account);
                        assertThat(snapshot).doesNotContain("\"grant-0\"").contains("\"balance\":5000");
                        assertThat(snapshot.length()).isLessThan(TokenAccount.REMEMBERED_CREDITS * 20);
                    } catch (JsonProcessingException e) {
                        throw new AssertionError(e);
                    }
                });
    }
}
