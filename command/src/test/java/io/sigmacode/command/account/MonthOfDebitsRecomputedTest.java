package io.sigmacode.command.account;

import io.sigmacode.command.pricing.FixedPriceBooks;
import io.sigmacode.command.pricing.PriceBook;
import io.sigmacode.kernel.account.AccountOpenedEvent;
import io.sigmacode.kernel.account.CreditSource;
import io.sigmacode.kernel.account.TokensCreditedEvent;
import io.sigmacode.kernel.account.TokensDebitedEvent;
import io.sigmacode.kernel.call.CallDetails;
import io.sigmacode.kernel.call.CallOutcome;
import io.sigmacode.kernel.call.CallStartedEvent;
import io.sigmacode.kernel.call.SettleCallCommand;
import io.sigmacode.kernel.call.StartCallCommand;
import io.sigmacode.kernel.call.UpstreamResult;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;
import io.sigmacode.kernel.pricing.Usage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A month of calls on one account while two new price book versions are published, with calls open across each
 * publication and settled in a shuffled order. Every debit is then recomputed from the events alone (the version the
 * call started under, its endpoint and app, the usage the debit keeps, and that version's published prices) with
 * arithmetic of its own, and every debit and every total per version and endpoint must match to the token.
 */
class MonthOfDebitsRecomputedTest {

    private static final String ACCOUNT = "acc";
    private static final FirewallCheck PRE = new FirewallCheck(Stage.PRE, Verdict.ALLOW, List.of(), 1, 1, null);
    private static final FirewallCheck POST = new FirewallCheck(Stage.POST, Verdict.ALLOW, List.of(), 1, 1, null);
    private static final List<String> ENDPOINTS = List.of("chat-messages", "workflows/run", "files/upload");
    private static final List<String> APPS = List.of("app-a", "app-b", "gpt-app");
    private static final PriceBook V2 = new PriceBook(2, Map.of("chat-messages", 2L, "workflows/run", 6L,
            "files/upload", 25L), new BigDecimal("2.5"), Map.of("gpt-app", new BigDecimal("7.125")), Set.of(),
            2_000_000);
    private static final PriceBook V3 = new PriceBook(3, Map.of("chat-messages", 1L, "workflows/run", 4L,
            "files/upload", 25L), new BigDecimal("1.75"), Map.of("app-b", new BigDecimal("0.333")),
            Set.of("files/upload"), 2_000_000);

    private final FixedPriceBooks books = new FixedPriceBooks(PriceBook.initial());
    private List<Object> history = new ArrayList<>(List.of(new AccountOpenedEvent(ACCOUNT, "t", 0),
            new TokensCreditedEvent(ACCOUNT, "grant", 100_000_000, CreditSource.GRANT, "a month")));

    @Test
    void everyDebitOfAMonthIsRecomputedFromTheEventsAlone() {
        Random random = new Random(2026);
        List<String> open = new ArrayList<>();
        int calls = 0;
        for (int day = 1; day <= 30; day++) {
            if (day == 10) {
                books.publish(V2);
            } else if (day == 20) {
                books.publish(V3);
            }
            for (int i = 0; i < 12; i++) {
                String call = "call-" + calls++;
                run(new StartCallCommand(ACCOUNT, call, new CallDetails("t", "k", APPS.get(random.nextInt(3)),
                        ENDPOINTS.get(random.nextInt(3)), false, null, "node-" + random.nextInt(2)), PRE,
                        random.nextInt(5_000)));
                open.add(call);
            }
            // about half of the open calls settle today, the rest on a later day, under a later version
            for (int i = open.size() - 1; i >= 0; i--) {
                if (random.nextBoolean() || day == 30) {
                    long prompt = random.nextInt(20_000);
                    long completion = random.nextInt(4_000);
                    run(new SettleCallCommand(ACCOUNT, open.remove(i), CallOutcome.completed(POST,
                            new Usage(prompt, completion, prompt + completion), null, new UpstreamResult(200, 1, 1),
                            200)));
                }
            }
        }

        Map<String, CallStartedEvent> starts = new HashMap<>();
        Map<String, Long> recomputed = new TreeMap<>();
        Map<String, Long> recorded = new TreeMap<>();
        Map<String, Long> debits = new LinkedHashMap<>();
        for (Object event : history) {
            if (event instanceof CallStartedEvent e) {
                starts.put(e.callId(), e);
            } else if (event instanceof TokensDebitedEvent e) {
                CallStartedEvent start = starts.get(e.callId());
                long tokens = recompute(books.all().get(start.priceBookVersion()), start, e.charge().usage()
                        .totalTokens());
                assertThat(e.tokens()).as("debit of %s", e.callId()).isEqualTo(tokens);
                assertThat(e.charge().priceBookVersion()).isEqualTo(start.priceBookVersion());
                String key = "v" + start.priceBookVersion() + " " + start.endpoint();
                recomputed.merge(key, tokens, Long::sum);
                recorded.merge(key, e.tokens(), Long::sum);
                debits.put(e.callId(), e.tokens());
            }
        }
        assertThat(debits).hasSize(calls);
        assertThat(recorded).isEqualTo(recomputed).containsKeys("v1 chat-messages", "v2 chat-messages",
                "v3 files/upload");
        assertThat(history.stream().filter(CallStartedEvent.class::isInstance).map(CallStartedEvent.class::cast)
                .map(CallStartedEvent::priceBookVersion).distinct()).containsExactlyInAnyOrder(1, 2, 3);
        long[] pricedAcross = {0};
        starts.values().forEach(start -> pricedAcross[0] += start.priceBookVersion() < 3 ? 1 : 0);
        assertThat(pricedAcross[0]).isGreaterThan(0);
    }

    /** The price book's formula written out again: free, or flat fee plus the LLM tokens at the app's rate, up. */
    private static long recompute(PriceBook book, CallStartedEvent start, long llmTokens) {
        if (book.freeEndpoints().contains(start.endpoint())) {
            return 0;
        }
        BigDecimal rate = book.appRates().getOrDefault(start.appId(), book.ratePer1000());
        BigDecimal llm = BigDecimal.valueOf(llmTokens).multiply(rate).divide(BigDecimal.valueOf(1000), 0,
                RoundingMode.UP);
        return book.flatFees().get(start.endpoint()) + llm.longValueExact();
    }

    private void run(Object command) {
        var fixture = new AggregateTestFixture<>(TokenAccount.class);
        fixture.registerInjectableResource(books);
        fixture.given(history).when(command).expectSuccessfulHandlerExecution();
        history = fixture.getEventStore().readEvents(ACCOUNT).asStream().map(EventMessage::getPayload)
                .map(Object.class::cast).toList();
    }
}
