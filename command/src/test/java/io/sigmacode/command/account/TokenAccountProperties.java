package io.sigmacode.command.account;

import io.sigmacode.command.pricing.FixedPriceBooks;
import io.sigmacode.command.pricing.PriceBook;
import io.sigmacode.kernel.account.AccountOpenedEvent;
import io.sigmacode.kernel.account.CreditSource;
import io.sigmacode.kernel.account.CreditTokensCommand;
import io.sigmacode.kernel.account.HeldTokensReleasedEvent;
import io.sigmacode.kernel.account.HoldTokensCommand;
import io.sigmacode.kernel.account.ReleaseHeldTokensCommand;
import io.sigmacode.kernel.account.ReservationReleasedEvent;
import io.sigmacode.kernel.account.RevocationReason;
import io.sigmacode.kernel.account.RevokeTokensCommand;
import io.sigmacode.kernel.account.TokensCreditedEvent;
import io.sigmacode.kernel.account.TokensDebitedEvent;
import io.sigmacode.kernel.account.TokensHeldEvent;
import io.sigmacode.kernel.account.TokensReservedEvent;
import io.sigmacode.kernel.account.TokensRevokedEvent;
import io.sigmacode.kernel.call.CallCompletedEvent;
import io.sigmacode.kernel.call.CallDetails;
import io.sigmacode.kernel.call.CallFailedEvent;
import io.sigmacode.kernel.call.CallOutcome;
import io.sigmacode.kernel.call.CallStartedEvent;
import io.sigmacode.kernel.call.ReleaseCallCommand;
import io.sigmacode.kernel.call.SettleCallCommand;
import io.sigmacode.kernel.call.StartCallCommand;
import io.sigmacode.kernel.call.UpstreamResult;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;
import io.sigmacode.kernel.pricing.Usage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of credits, call starts, settlements (with plausible, negative and absurd usage), releases,
 * recoveries, refunds, dispute holds and repeats, each run as a command against the account rebuilt from every
 * event so far. After every step the events alone must show: balance = credits - debits - revocations, reserved =
 * the open calls' reservations and never negative, held never negative, no reservation beyond what was available
 * (balance less reserved and held), no call debited twice, and every debit priced by the version in force when its
 * call started, though new versions are published between the commands.
 */
class TokenAccountProperties {

    private static final String ACCOUNT = "acc";
    private static final PriceBook PRICES = PriceBook.initial();
    private static final FirewallCheck PRE = new FirewallCheck(Stage.PRE, Verdict.ALLOW, List.of(), 1, 1, null);
    private static final FirewallCheck POST = new FirewallCheck(Stage.POST, Verdict.ALLOW, List.of(), 1, 1, null);

    sealed interface Step permits Credit, Start, Settle, Release, Recover, Revoke, Hold, Unhold, Publish {
        Object command();
    }

    /** A new price book version comes into force between two commands; it is not a command on the account. */
    record Publish() implements Step {
        public Object command() {
            return null;
        }
    }

    record Credit(String id, long tokens) implements Step {
        public Object command() {
            return new CreditTokensCommand(ACCOUNT, id, tokens, CreditSource.GRANT, "property");
        }
    }

    record Start(String call, long assumed) implements Step {
        public Object command() {
            return new StartCallCommand(ACCOUNT, call, new CallDetails("t", "k", "a", "chat-messages", false, null,
                    "n"), PRE, assumed);
        }
    }

    record Settle(String call, Usage reported) implements Step {
        public Object command() {
            return new SettleCallCommand(ACCOUNT, call, CallOutcome.completed(POST, reported, new Usage(10, 10, 20),
                    new UpstreamResult(200, 1, 1), 200));
        }
    }

    record Release(String call) implements Step {
        public Object command() {
            return new ReleaseCallCommand(ACCOUNT, call, UpstreamResult.NONE, 502, "upstream_unavailable", "x");
        }
    }

    record Recover(String call) implements Step {
        public Object command() {
            return new SettleCallCommand(ACCOUNT, call, CallOutcome.failed(FirewallCheck.notScanned(Stage.POST,
                    "lost_call"), null, Usage.NONE, UpstreamResult.NONE, 0, "lost_call", "lost"));
        }
    }

    record Revoke(String payment, long tokens) implements Step {
        public Object command() {
            return new RevokeTokensCommand(ACCOUNT, payment, tokens, RevocationReason.REFUND);
        }
    }

    record Hold(String payment, long tokens) implements Step {
        public Object command() {
            return new HoldTokensCommand(ACCOUNT, payment, tokens);
        }
    }

    record Unhold(String payment, long tokens) implements Step {
        public Object command() {
            return new ReleaseHeldTokensCommand(ACCOUNT, payment, tokens);
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<String> calls = Arbitraries.of("c1", "c2", "c3", "c4", "c5", "c6");
        Arbitrary<Long> counts = Arbitraries.longs().between(-5, 3_000_000);
        Arbitrary<Usage> usage = Arbitraries.oneOf(
                Combinators.combine(counts, counts).as((p, c) -> new Usage(p, c, p + c)),
                Arbitraries.of(new Usage(-1, -1, -2), new Usage(Long.MAX_VALUE, 0, Long.MAX_VALUE),
                        new Usage(0, 0, 9_000_000_000_000_000_000L)),
                Arbitraries.just(null));
        Arbitrary<Step> step = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("g1", "g2", "g3", "g4"), Arbitraries.longs().between(1, 5_000))
                        .as(Credit::new),
                Combinators.combine(calls, Arbitraries.longs().between(0, 10_000)).as(Start::new),
                Combinators.combine(calls, usage).as(Settle::new),
                calls.map(Release::new),
                calls.map(Recover::new),
                Combinators.combine(Arbitraries.of("p1", "p2"), Arbitraries.longs().between(1, 3_000)).as(Revoke::new),
                Combinators.combine(Arbitraries.of("p1", "p2"), Arbitraries.longs().between(1, 3_000)).as(Hold::new),
                Combinators.combine(Arbitraries.of("p1", "p2"), Arbitraries.longs().between(1, 3_000))
                        .as(Unhold::new),
                Arbitraries.just(new Publish()));
        return step.list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 150)
    void theEventsAlwaysBalance(@ForAll("steps") List<Step> steps) {
        List<Object> history = new ArrayList<>(List.of(new AccountOpenedEvent(ACCOUNT, "t", 0)));
        var books = new FixedPriceBooks(PRICES);
        for (Step step : steps) {
            if (step instanceof Publish) {
                PriceBook last = books.inForce();
                books.publish(new PriceBook(last.version() + 1, Map.of("chat-messages", last.version() + 1L),
                        BigDecimal.valueOf(last.version() + 1), Map.of(), Set.of(), 2_000_000));
                continue;
            }
            var fixture = new AggregateTestFixture<>(TokenAccount.class);
            fixture.registerInjectableResource(books);
            fixture.given(history).when(step.command());
            history = fixture.getEventStore().readEvents(ACCOUNT).asStream()
                    .map(EventMessage::getPayload).map(Object.class::cast).toList();
            checkInvariants(history, books);
        }
    }

    private static void checkInvariants(List<Object> events, FixedPriceBooks books) {
        long credits = 0;
        long debits = 0;
        long revocations = 0;
        long balance = 0;
        long reserved = 0;
        long held = 0;
        Map<String, Long> open = new HashMap<>();
        Set<String> debited = new HashSet<>();
        Map<String, Integer> startedUnder = new HashMap<>();
        for (Object event : events) {
            if (event instanceof CallStartedEvent e) {
                startedUnder.put(e.callId(), e.priceBookVersion());
            } else if (event instanceof TokensCreditedEvent e) {
                credits += e.tokens();
                balance += e.tokens();
            } else if (event instanceof TokensRevokedEvent e) {
                revocations += e.tokens();
                balance -= e.tokens();
            } else if (event instanceof TokensHeldEvent e) {
                held += e.tokens();
            } else if (event instanceof HeldTokensReleasedEvent e) {
                held -= e.tokens();
            } else if (event instanceof TokensReservedEvent e) {
                assertThat(e.tokens()).as("reservation of %s", e.callId())
                        .isLessThanOrEqualTo(balance - reserved - held);
                open.merge(e.callId(), e.tokens(), Long::sum);
                reserved += e.tokens();
            } else if (event instanceof TokensDebitedEvent e) {
                assertThat(debited.add(e.callId())).as("%s debited once", e.callId()).isTrue();
                int version = e.charge().priceBookVersion();
                assertThat(version).as("%s priced by the version it started under", e.callId())
                        .isEqualTo(startedUnder.get(e.callId()));
                assertThat(e.tokens()).isBetween(0L, books.prices(version).ceiling("chat-messages", "a"));
                assertThat(e.fromReservation()).isEqualTo(Math.min(e.tokens(), open.getOrDefault(e.callId(), 0L)));
                debits += e.tokens();
                balance -= e.tokens();
                reserved -= e.fromReservation();
                open.merge(e.callId(), -e.fromReservation(), Long::sum);
            } else if (event instanceof ReservationReleasedEvent e) {
                reserved -= e.tokens();
                open.merge(e.callId(), -e.tokens(), Long::sum);
            } else if (event instanceof CallCompletedEvent e) {
                assertThat(open.remove(e.callId())).isIn(0L, null);
            } else if (event instanceof CallFailedEvent e) {
                assertThat(open.remove(e.callId())).isIn(0L, null);
            }
            assertThat(reserved).isGreaterThanOrEqualTo(0);
            assertThat(held).isGreaterThanOrEqualTo(0);
        }
        assertThat(balance).isEqualTo(credits - debits - revocations);
        assertThat(reserved).isEqualTo(open.values().stream().mapToLong(Long::longValue).sum());
    }
}
