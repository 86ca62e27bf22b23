package io.sigmacode.command.account;

import io.sigmacode.command.pricing.FixedPriceBooks;
import io.sigmacode.command.pricing.PriceBook;
import io.sigmacode.kernel.account.AccountOpenedEvent;
import io.sigmacode.kernel.account.CorrectDebitsCommand;
import io.sigmacode.kernel.account.CreditSource;
import io.sigmacode.kernel.account.DebitCorrectedEvent;
import io.sigmacode.kernel.account.DebitToCorrect;
import io.sigmacode.kernel.account.TokensCreditedEvent;
import io.sigmacode.kernel.account.TokensDebitedEvent;
import io.sigmacode.kernel.account.TokensReservedEvent;
import io.sigmacode.kernel.call.CallOutcome;
import io.sigmacode.kernel.call.CallStartedEvent;
import io.sigmacode.kernel.call.SettleCallCommand;
import io.sigmacode.kernel.call.UpstreamResult;
import io.sigmacode.kernel.error.CommandRefusedException;
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

/** A mistaken price book version corrected on the account: the debits it priced are re-priced, once. */
class TokenAccountCorrectionTest {

    private static final String ACCOUNT = "acc-1";
    private static final Usage USAGE = new Usage(3000, 1000, 4000);
    private static final UpstreamResult OK = new UpstreamResult(200, 1, 1);
    private static final FirewallCheck POST = new FirewallCheck(Stage.POST, Verdict.ALLOW, List.of(), 1, 1, null);
    /** The mistake: chat at 10 flat and 20 per 1,000. */
    private static final PriceBook MISTAKEN = new PriceBook(2, Map.of("chat-messages", 10L), BigDecimal.valueOf(20),
            Map.of(), Set.of(), 2_000_000);
    /** The fix: chat at 1 flat and 2 per 1,000. */
    private static final PriceBook RIGHT = new PriceBook(3, Map.of("chat-messages", 1L), BigDecimal.valueOf(2),
            Map.of(), Set.of(), 2_000_000);
    private static final Charge CHARGED_90 = new Charge(90, 10, BigDecimal.valueOf(20), USAGE, UsageSource.REPORTED,
            2);
    private static final Charge RIGHT_9 = new Charge(9, 1, BigDecimal.valueOf(2), USAGE, UsageSource.REPORTED, 3);

    private final FixedPriceBooks books = new FixedPriceBooks(PriceBook.initial(), MISTAKEN, RIGHT);
    private FixtureConfiguration<TokenAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TokenAccount.class);
        fixture.registerInjectableResource(books);
        books.correct(2, 3);
    }

    private static List<Object> debited(String... calls) {
        var history = new ArrayList<Object>(List.of(new AccountOpenedEvent(ACCOUNT, "t", 0),
                new TokensCreditedEvent(ACCOUNT, "c", 1_000, CreditSource.GRANT, "x")));
        for (String call : calls) {
            history.add(new TokensDebitedEvent(ACCOUNT, call, 90, 0, CHARGED_90));
        }
        return history;
    }

    private static DebitToCorrect debit(String call, Charge charge) {
        return new DebitToCorrect(call, "chat-messages", "app-1", charge);
    }

    @Test
    void eachDebitOfTheMistakenVersionIsRepricedByTheCorrectingOne() {
        fixture.given(debited("a", "b"))
                .when(new CorrectDebitsCommand(ACCOUNT, 2, 3, List.of(debit("a", CHARGED_90), debit("b", CHARGED_90))))
                .expectResultMessagePayload(2)
                .expectEvents(new DebitCorrectedEvent(ACCOUNT, "a", 2, 90, RIGHT_9),
                        new DebitCorrectedEvent(ACCOUNT, "b", 2, 90, RIGHT_9))
                .expectState(account -> assertThat(account).extracting("balance").isEqualTo(1_000L - 2 * 9));
    }

    @Test
    void aSecondSweepDebitsOfOtherVersionsAndRepeatedCallsChangeNothing() {
        var other = new Charge(9, 1, BigDecimal.valueOf(2), USAGE, UsageSource.REPORTED, 1);
        fixture.given(debited("a"))
                .when(new CorrectDebitsCommand(ACCOUNT, 2, 3, List.of(debit("a", CHARGED_90), debit("a", CHARGED_90),
                        debit("z", other))))
                .expectEvents(new DebitCorrectedEvent(ACCOUNT, "a", 2, 90, RIGHT_9));
        var corrected = new ArrayList<>(debited("a"));
        corrected.add(new DebitCorrectedEvent(ACCOUNT, "a", 2, 90, RIGHT_9));
        fixture.given(corrected)
                .when(new CorrectDebitsCommand(ACCOUNT, 2, 3, List.of(debit("a", CHARGED_90))))
                .expectResultMessagePayload(0)
                .expectNoEvents();
    }

    @Test
    void aVersionThatWasNotCorrectedByTheNamedOneIsRefused() {
        fixture.given(debited("a"))
                .when(new CorrectDebitsCommand(ACCOUNT, 2, 1, List.of(debit("a", CHARGED_90))))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("price book version 2 was not corrected by version 1");
    }

    @Test
    void aCallStartedUnderTheMistakenVersionAndSettledAfterTheCorrectionIsPricedByTheCorrection() {
        fixture.given(new AccountOpenedEvent(ACCOUNT, "t", 0),
                        new TokensCreditedEvent(ACCOUNT, "c", 1_000, CreditSource.GRANT, "x"),
                        new CallStartedEvent(ACCOUNT, "late", "t", "k", "app-1", "chat-messages", false, null, "n", 2),
                        new TokensReservedEvent(ACCOUNT, "late", 50))
                .when(new SettleCallCommand(ACCOUNT, "late", CallOutcome.completed(POST, USAGE, null, OK, 200)))
                .expectResultMessagePayload(RIGHT_9);
    }
}
