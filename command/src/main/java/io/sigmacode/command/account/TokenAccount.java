package io.sigmacode.command.account;

import io.sigmacode.command.pricing.PriceBook;
import io.sigmacode.command.pricing.PublishedPriceBooks;
import io.sigmacode.kernel.account.AccountOpenedEvent;
import io.sigmacode.kernel.account.CheckLowBalanceCommand;
import io.sigmacode.kernel.account.CorrectDebitsCommand;
import io.sigmacode.kernel.account.CreditPurchasedTokensCommand;
import io.sigmacode.kernel.account.CreditTokensCommand;
import io.sigmacode.kernel.account.DebitCorrectedEvent;
import io.sigmacode.kernel.account.DebitToCorrect;
import io.sigmacode.kernel.account.HeldTokensReleasedEvent;
import io.sigmacode.kernel.account.HoldTokensCommand;
import io.sigmacode.kernel.account.LowBalanceAlertSetEvent;
import io.sigmacode.kernel.account.LowBalanceClearedEvent;
import io.sigmacode.kernel.account.LowBalanceReachedEvent;
import io.sigmacode.kernel.account.OpenAccountCommand;
import io.sigmacode.kernel.account.ReservationRejectedEvent;
import io.sigmacode.kernel.account.ReleaseHeldTokensCommand;
import io.sigmacode.kernel.account.ReservationReleasedEvent;
import io.sigmacode.kernel.account.RevokeTokensCommand;
import io.sigmacode.kernel.account.SetLowBalanceAlertCommand;
import io.sigmacode.kernel.account.TokenPackagePurchasedEvent;
import io.sigmacode.kernel.account.TokensCreditedEvent;
import io.sigmacode.kernel.account.TokensDebitedEvent;
import io.sigmacode.kernel.account.TokensHeldEvent;
import io.sigmacode.kernel.account.TokensReservedEvent;
import io.sigmacode.kernel.account.TokensRevokedEvent;
import io.sigmacode.kernel.call.CallAdmission.Decision;
import io.sigmacode.kernel.call.CallAdmission;
import io.sigmacode.kernel.call.CallCompletedEvent;
import io.sigmacode.kernel.call.CallFailedEvent;
import io.sigmacode.kernel.call.CallForwardedEvent;
import io.sigmacode.kernel.call.CallOutcome;
import io.sigmacode.kernel.call.CallStartedEvent;
import io.sigmacode.kernel.call.ChargeFlaggedForReviewEvent;
import io.sigmacode.kernel.call.FirewallVerdictRecordedEvent;
import io.sigmacode.kernel.call.RecordFreeCallCommand;
import io.sigmacode.kernel.call.ReleaseCallCommand;
import io.sigmacode.kernel.call.SettleCallCommand;
import io.sigmacode.kernel.call.StartCallCommand;
import io.sigmacode.kernel.error.CommandRefusedException;
import io.sigmacode.kernel.error.RefusalCode;
import io.sigmacode.kernel.firewall.Verdict;
import io.sigmacode.kernel.pricing.Charge;
import io.sigmacode.kernel.pricing.Usage;
import io.sigmacode.kernel.pricing.UsageSource;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A tenant's prepaid token account and the consistency boundary of its calls: the balance check, every reservation
 * and the price of every call are decided here, serialised per account, so no amount of concurrency can overspend.
 * The call events are recorded on this stream too, which keeps a call's first and second halves to one event-store
 * transaction each.
 */
@Aggregate(snapshotTriggerDefinition = "accountSnapshotTrigger", cache = "accountCache")
@Revision("3")
public class TokenAccount {

    /** How many finished call ids are remembered to make a repeated settle or release a no-op. */
    static final int REMEMBERED_CALLS = 1_000;
    /**
     * How many grant ids are remembered to make a repeated grant command a no-op. A grant's id is new for every
     * request, so a repeat is a retry of the same command within seconds, never one a thousand grants later; a
     * bounded set keeps the snapshot small however many grants the account has seen.
     */
    static final int REMEMBERED_CREDITS = 1_000;
    /**
     * The most an account can hold (10^15 tokens). Far above any real balance, and far enough below 2^63 that no
     * sum of balances, reservations and debits in the aggregate or a projection can overflow.
     */
    static final long MAX_BALANCE = 1_000_000_000_000_000L;

    @AggregateIdentifier
    private String accountId;
    private String tenantId;
    private long balance;
    private long reserved;
    private long overdraftLimit;
    /** Tokens frozen by open disputes: still in the balance, not available to calls. */
    private long held;
    /** 0: no low-balance alerts. */
    private long lowBalanceThreshold;
    /** Below the threshold since the last alert: the next alert waits for a recovery first. */
    private boolean lowBalance;
    private LinkedHashMap<String, OpenCall> openCalls = new LinkedHashMap<>();
    private LinkedHashSet<String> finishedCalls = new LinkedHashSet<>();
    private LinkedHashSet<String> creditIds = new LinkedHashSet<>();
    /** Price book versions whose debits on this account were corrected: a handful at most, never call ids. */
    private HashSet<Integer> correctedVersions = new HashSet<>();

    protected TokenAccount() {
    }

    @CommandHandler
    public TokenAccount(OpenAccountCommand command) {
        requireText(command.accountId(), "accountId");
        requireText(command.tenantId(), "tenantId");
        apply(new AccountOpenedEvent(command.accountId(), command.tenantId(), 0));
    }

    @CommandHandler
    void handle(CreditTokensCommand command) {
        if (command.tokens() <= 0) {
            throw new CommandRefusedException(RefusalCode.INVALID, "tokens must be a positive whole number");
        }
        requireText(command.creditId(), "creditId");
        if (creditIds.contains(command.creditId())) {
            return;
        }
        if (command.tokens() > MAX_BALANCE - balance) {
            throw new CommandRefusedException(RefusalCode.INVALID, "the balance would exceed " + MAX_BALANCE
                    + " tokens, the most an account can hold");
        }
        apply(new TokensCreditedEvent(accountId, command.creditId(), command.tokens(), command.source(),
                command.reason()));
    }

    @CommandHandler
    CallAdmission handle(StartCallCommand command, PublishedPriceBooks books) {
        String callId = command.callId();
        requireText(callId, "callId");
        if (openCalls.containsKey(callId) || finishedCalls.contains(callId)) {
            throw new CommandRefusedException(RefusalCode.CONFLICT, "call " + callId + " was already started");
        }
        var details = command.details();
        PriceBook prices = books.inForce();
        long reserve = reservation(prices, details.endpoint(), details.appId(), command.assumedLlmTokens());
        apply(new CallStartedEvent(accountId, callId, details.tenantId(), details.apiKeyId(), details.appId(),
                details.endpoint(), details.streaming(), details.idempotencyKey(), details.nodeId(),
                prices.version()));
        apply(new FirewallVerdictRecordedEvent(accountId, callId, tenantId, command.preCheck()));
        if (command.preCheck().verdict() == Verdict.BLOCK) {
            apply(new CallFailedEvent(accountId, callId, 403, "firewall_blocked",
                    "The prompt was blocked by the firewall.", null));
            return new CallAdmission(Decision.BLOCKED, available(), reserve);
        }
        long available = available();
        if (available < reserve) {
            apply(new ReservationRejectedEvent(accountId, callId, reserve, available));
            apply(new CallFailedEvent(accountId, callId, 402, "insufficient_tokens",
                    "The account cannot cover this call: " + available + " tokens available, "
                            + reserve + " needed.", null));
            return new CallAdmission(Decision.INSUFFICIENT_TOKENS, available, reserve);
        }
        apply(new TokensReservedEvent(accountId, callId, reserve));
        apply(new CallForwardedEvent(accountId, callId, details.endpoint(), details.nodeId()));
        return new CallAdmission(Decision.FORWARD, available - reserve, reserve);
    }

    /** The price of the flat fee plus the LLM tokens a call is assumed to use, bounded by the per-call ceiling. */
    private static long reservation(PriceBook prices, String endpoint, String appId, long assumedLlmTokens) {
        if (assumedLlmTokens < 0) {
            throw new CommandRefusedException(RefusalCode.INVALID, "the assumed usage cannot be negative");
        }
        try {
            long assumed = Math.min(assumedLlmTokens, prices.maxLlmTokensPerCall());
            return prices.charge(endpoint, appId, new Usage(0, 0, assumed), UsageSource.ESTIMATED).tokens();
        } catch (IllegalArgumentException e) {
            throw new CommandRefusedException(RefusalCode.INVALID, "endpoint " + endpoint + " has no price");
        }
    }

    /**
     * Priced by the version the call started under, even when a newer one was published since or another node
     * settles it; by the version that corrected it when that one was found mistaken meanwhile.
     *
     * @return the charge debited, or null when the call was already finished (a repeated settlement)
     */
    @CommandHandler
    Charge handle(SettleCallCommand command, PublishedPriceBooks books) {
        OpenCall call = openCall(command.callId());
        if (call == null) {
            return null;
        }
        CallOutcome outcome = command.outcome();
        if (outcome == null || outcome.postCheck() == null) {
            throw new CommandRefusedException(RefusalCode.INVALID, "a settlement needs an outcome and a post-check");
        }
        PriceBook prices = call.priceBookVersion() == null ? books.inForce()
                : books.prices(books.pricingVersion(call.priceBookVersion()));
        var billed = BilledUsage.of(outcome.reportedUsage(), outcome.estimatedUsage(), prices.maxLlmTokensPerCall());
        Charge charge = prices.charge(call.endpoint(), call.appId(), billed.usage(), billed.source());
        String callId = command.callId();
        apply(new FirewallVerdictRecordedEvent(accountId, callId, tenantId, outcome.postCheck()));
        if (billed.flag() != null) {
            apply(new ChargeFlaggedForReviewEvent(accountId, callId, billed.flag(), outcome.reportedUsage(),
                    prices.ceiling(call.endpoint(), call.appId())));
        }
        long fromReservation = Math.min(charge.tokens(), call.reserved());
        apply(new TokensDebitedEvent(accountId, callId, charge.tokens(), fromReservation, charge));
        if (call.reserved() > fromReservation) {
            apply(new ReservationReleasedEvent(accountId, callId, call.reserved() - fromReservation));
        }
        if (outcome.failed()) {
            apply(new CallFailedEvent(accountId, callId, outcome.clientStatus(), outcome.failureCode(),
                    outcome.failureMessage(), outcome.upstream()));
        } else {
            apply(new CallCompletedEvent(accountId, callId, outcome.clientStatus(), outcome.upstream(),
                    charge.usage()));
        }
        return charge;
    }

    /**
     * Re-prices debits of a mistaken version by the version that corrected it; the original debits stay. The list
     * comes from a projection, so the account takes only debits of the mistaken version, each call once, and
     * corrects a version once: a repeated sweep changes nothing.
     *
     * @return how many debits changed price
     */
    @CommandHandler
    int handle(CorrectDebitsCommand command, PublishedPriceBooks books) {
        int mistaken = command.mistakenVersion();
        if (books.pricingVersion(mistaken) != command.correctingVersion() || mistaken == command.correctingVersion()) {
            throw new CommandRefusedException(RefusalCode.CONFLICT, "price book version " + mistaken
                    + " was not corrected by version " + command.correctingVersion());
        }
        if (correctedVersions.contains(mistaken)) {
            return 0;
        }
        PriceBook prices = books.prices(command.correctingVersion());
        var seen = new HashSet<String>();
        int corrected = 0;
        for (DebitToCorrect debit : command.debits()) {
            Charge original = debit.charge();
            if (original == null || original.priceBookVersion() != mistaken || !seen.add(debit.callId())) {
                continue;
            }
            Charge charge = repriced(prices, debit);
            if (charge.tokens() != original.tokens()) {
                apply(new DebitCorrectedEvent(accountId, debit.callId(), mistaken, original.tokens(), charge));
                corrected++;
            }
        }
        return corrected;
    }

    private static Charge repriced(PriceBook prices, DebitToCorrect debit) {
        Charge original = debit.charge();
        var usage = BilledUsage.of(original.usage(), null, prices.maxLlmTokensPerCall()).usage();
        try {
            return prices.charge(debit.endpoint(), debit.appId(), usage, original.usageSource());
        } catch (IllegalArgumentException e) {
            throw new CommandRefusedException(RefusalCode.INVALID, "endpoint " + debit.endpoint()
                    + " has no price in version " + prices.version());
        }
    }

    /**
     * A free call leaves the same trail as a paid one (who, which app and endpoint, outcome, latency) and a debit of
     * 0 tokens, so usage and audit count it; it never touches the balance or a reservation.
     */
    @CommandHandler
    void handle(RecordFreeCallCommand command, PublishedPriceBooks books) {
        String callId = command.callId();
        requireText(callId, "callId");
        if (openCalls.containsKey(callId) || finishedCalls.contains(callId)) {
            return;
        }
        var details = command.details();
        PriceBook prices = books.inForce();
        requireText(details.endpoint(), "endpoint");
        apply(new CallStartedEvent(accountId, callId, details.tenantId(), details.apiKeyId(), details.appId(),
                details.endpoint(), details.streaming(), details.idempotencyKey(), details.nodeId(),
                prices.version()));
        apply(new CallForwardedEvent(accountId, callId, details.endpoint(), details.nodeId()));
        if (command.postCheck() != null) {
            apply(new FirewallVerdictRecordedEvent(accountId, callId, tenantId, command.postCheck()));
        }
        apply(new TokensDebitedEvent(accountId, callId, 0, 0,
                new Charge(0, 0, prices.ratePer1000(), Usage.NONE, UsageSource.REPORTED, prices.version())));
        if (command.failureCode() == null) {
            apply(new CallCompletedEvent(accountId, callId, command.clientStatus(), command.upstream(), Usage.NONE));
        } else {
            apply(new CallFailedEvent(accountId, callId, command.clientStatus(), command.failureCode(),
                    command.failureMessage(), command.upstream()));
        }
    }

    @CommandHandler
    void handle(ReleaseCallCommand command) {
        OpenCall call = openCall(command.callId());
        if (call == null) {
            return;
        }
        apply(new ReservationReleasedEvent(accountId, command.callId(), call.reserved()));
        apply(new CallFailedEvent(accountId, command.callId(), command.clientStatus(), command.code(),
                command.message(), command.upstream()));
    }

    /**
     * A paid Checkout session's package. Its payment ({@code StripePayment}) sends this once per session in the same
     * transaction as its own record, so unlike a grant the account needs no credit id to recognise a repeat.
     */
    @CommandHandler
    void handle(CreditPurchasedTokensCommand command) {
        requireText(command.sessionId(), "sessionId");
        requireText(command.currency(), "currency");
        if (command.tokens() <= 0 || command.amountMinor() < 0) {
            throw new CommandRefusedException(RefusalCode.INVALID, "a purchase needs positive tokens and an amount");
        }
        if (command.tokens() > MAX_BALANCE - balance) {
            throw new CommandRefusedException(RefusalCode.INVALID, "the balance would exceed " + MAX_BALANCE
                    + " tokens, the most an account can hold");
        }
        apply(new TokenPackagePurchasedEvent(accountId, "stripe:" + command.sessionId(), command.sessionId(),
                command.paymentIntentId(), command.packageId(), command.priceBookVersion(), command.tokens(),
                command.amountMinor(), command.currency()));
    }

    /** Money paid back is tokens taken back, even below zero: tokens already spent become a debt. */
    @CommandHandler
    void handle(RevokeTokensCommand command) {
        requirePositive(command.tokens());
        if (balance - command.tokens() < -MAX_BALANCE) {
            throw new CommandRefusedException(RefusalCode.INVALID, "the balance would fall below -" + MAX_BALANCE);
        }
        requireText(command.paymentId(), "paymentId");
        apply(new TokensRevokedEvent(accountId, command.paymentId(), command.tokens(), command.reason()));
    }

    @CommandHandler
    void handle(HoldTokensCommand command) {
        requirePositive(command.tokens());
        if (command.tokens() > MAX_BALANCE - held) {
            throw new CommandRefusedException(RefusalCode.INVALID, "at most " + MAX_BALANCE + " tokens can be held");
        }
        requireText(command.paymentId(), "paymentId");
        apply(new TokensHeldEvent(accountId, command.paymentId(), command.tokens()));
    }

    @CommandHandler
    void handle(ReleaseHeldTokensCommand command) {
        requirePositive(command.tokens());
        requireText(command.paymentId(), "paymentId");
        if (command.tokens() > held) {
            throw new CommandRefusedException(RefusalCode.INVALID, "only " + held + " tokens are held");
        }
        apply(new HeldTokensReleasedEvent(accountId, command.paymentId(), command.tokens()));
    }

    /** Setting the alert checks at once, so an account already below its new threshold is alerted. */
    @CommandHandler
    void handle(SetLowBalanceAlertCommand command) {
        if (command.threshold() < 0 || command.threshold() > MAX_BALANCE) {
            throw new CommandRefusedException(RefusalCode.INVALID, "threshold must be between 0 and " + MAX_BALANCE);
        }
        if (command.threshold() > 0) {
            requireText(command.url(), "url");
            requireText(command.sealedSecret(), "sealedSecret");
        }
        apply(new LowBalanceAlertSetEvent(accountId, command.threshold(), command.url(), command.sealedSecret()));
        checkLowBalance();
    }

    @CommandHandler
    void handle(CheckLowBalanceCommand command) {
        checkLowBalance();
    }

    /**
     * Once per crossing: below raises, back at or above clears, anything else records nothing. Reservations of
     * calls in flight do not count: they come and go within seconds and would make the alert flap.
     */
    private void checkLowBalance() {
        long available = balance + overdraftLimit - held;
        boolean below = lowBalanceThreshold > 0 && available < lowBalanceThreshold;
        if (below && !lowBalance) {
            apply(new LowBalanceReachedEvent(accountId, lowBalanceThreshold, available));
        } else if (!below && lowBalance) {
            apply(new LowBalanceClearedEvent(accountId, lowBalanceThreshold, available));
        }
    }

    /** Every amount is at most {@link #MAX_BALANCE}, so no sum the account or a projection forms can overflow. */
    private static void requirePositive(long tokens) {
        if (tokens <= 0) {
            throw new CommandRefusedException(RefusalCode.INVALID, "tokens must be a positive whole number");
        }
        if (tokens > MAX_BALANCE) {
            throw new CommandRefusedException(RefusalCode.INVALID, "tokens must be at most " + MAX_BALANCE);
        }
    }

    /** @return the open call, or null when the call already finished (a retry, so nothing to do) */
    private OpenCall openCall(String callId) {
        OpenCall call = openCalls.get(callId);
        if (call == null && !finishedCalls.contains(callId)) {
            throw new CommandRefusedException(RefusalCode.NOT_FOUND, "no open reservation for call " + callId);
        }
        return call;
    }

    private long available() {
        return balance + overdraftLimit - reserved - held;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new CommandRefusedException(RefusalCode.INVALID, name + " is required");
        }
    }

    @EventSourcingHandler
    void on(AccountOpenedEvent event) {
        accountId = event.accountId();
        tenantId = event.tenantId();
        overdraftLimit = event.overdraftLimit();
    }

    @EventSourcingHandler
    void on(TokensCreditedEvent event) {
        balance += event.tokens();
        creditIds.add(event.creditId());
        forgetOldest(creditIds, REMEMBERED_CREDITS);
    }

    @EventSourcingHandler
    void on(TokenPackagePurchasedEvent event) {
        balance += event.tokens();
    }

    @EventSourcingHandler
    void on(TokensRevokedEvent event) {
        balance -= event.tokens();
    }

    @EventSourcingHandler
    void on(TokensHeldEvent event) {
        held += event.tokens();
    }

    @EventSourcingHandler
    void on(HeldTokensReleasedEvent event) {
        held -= event.tokens();
    }

    @EventSourcingHandler
    void on(LowBalanceAlertSetEvent event) {
        lowBalanceThreshold = event.threshold();
        if (event.threshold() == 0) {
            lowBalance = false;
        }
    }

    @EventSourcingHandler
    void on(LowBalanceReachedEvent event) {
        lowBalance = true;
    }

    @EventSourcingHandler
    void on(LowBalanceClearedEvent event) {
        lowBalance = false;
    }

    @EventSourcingHandler
    void on(CallStartedEvent event) {
        openCalls.put(event.callId(), new OpenCall(0, event.endpoint(), event.appId(), event.priceBookVersion()));
    }

    @EventSourcingHandler
    void on(TokensReservedEvent event) {
        openCalls.computeIfPresent(event.callId(), (id, call) -> call.plus(event.tokens()));
        reserved += event.tokens();
    }

    @EventSourcingHandler
    void on(TokensDebitedEvent event) {
        balance -= event.tokens();
        reserved -= event.fromReservation();
        openCalls.computeIfPresent(event.callId(), (id, call) -> call.plus(-event.fromReservation()));
    }

    @EventSourcingHandler
    void on(DebitCorrectedEvent event) {
        balance += event.balanceChange();
        correctedVersions.add(event.mistakenVersion());
    }

    @EventSourcingHandler
    void on(ReservationReleasedEvent event) {
        reserved -= event.tokens();
        openCalls.computeIfPresent(event.callId(), (id, call) -> call.plus(-event.tokens()));
    }

    @EventSourcingHandler
    void on(CallCompletedEvent event) {
        finish(event.callId());
    }

    @EventSourcingHandler
    void on(CallFailedEvent event) {
        finish(event.callId());
    }

    private void finish(String callId) {
        openCalls.remove(callId);
        finishedCalls.add(callId);
        forgetOldest(finishedCalls, REMEMBERED_CALLS);
    }

    private static void forgetOldest(LinkedHashSet<String> ids, int keep) {
        if (ids.size() > keep) {
            var oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
    }
}
