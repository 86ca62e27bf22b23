package io.sigmacode.command.billing;

import io.sigmacode.kernel.account.CreditPurchasedTokensCommand;
import io.sigmacode.kernel.account.HoldTokensCommand;
import io.sigmacode.kernel.account.ReleaseHeldTokensCommand;
import io.sigmacode.kernel.account.RevocationReason;
import io.sigmacode.kernel.account.RevokeTokensCommand;
import io.sigmacode.kernel.billing.CheckoutPaidEvent;
import io.sigmacode.kernel.billing.DisputeClosedEvent;
import io.sigmacode.kernel.billing.DisputeOpenedEvent;
import io.sigmacode.kernel.billing.DisputeStatus;
import io.sigmacode.kernel.billing.PaymentRefundedEvent;
import io.sigmacode.kernel.billing.RecordChargeRefundedCommand;
import io.sigmacode.kernel.billing.RecordCheckoutPaidCommand;
import io.sigmacode.kernel.billing.RecordDisputeCommand;
import io.sigmacode.kernel.error.CommandRefusedException;
import io.sigmacode.kernel.error.RefusalCode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigInteger;
import java.util.LinkedHashMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One Stripe payment (keyed by its payment intent) and what it did to its account. It is where Stripe's deliveries
 * become exactly-once: the session is credited once, the refund total only grows, each dispute opens and closes
 * once. Refunds and disputes that arrive before the purchase are kept here and take effect when it arrives.
 *
 * <p>What the account owes the payment (tokens revoked, tokens held) is a function of the facts recorded so far;
 * each command posts to the account only the difference the new fact makes, in the same unit of work, so the
 * account's snapshot carries no set of payment or refund ids however many it has seen.
 */
@Aggregate
public class StripePayment {

    @AggregateIdentifier
    private String paymentId;
    /** Null until the Checkout session is paid. */
    private String accountId;
    private long tokens;
    private long amountMinor;
    private long refundedMinor;
    private LinkedHashMap<String, Dispute> disputes = new LinkedHashMap<>();

    record Dispute(long amountMinor, DisputeStatus status) {
    }

    /** Tokens the account has lost to refunds and lost disputes, and tokens frozen by open disputes. */
    private record Effects(long refundRevoked, long disputeRevoked, long held) {
    }

    protected StripePayment() {
    }

    /** @return {@code credited}, or {@code duplicate} when the session was credited before */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    String handle(RecordCheckoutPaidCommand command, AccountPostings postings) {
        requireText(command.paymentId(), "paymentId");
        requireText(command.sessionId(), "sessionId");
        requireText(command.accountId(), "accountId");
        if (accountId != null) {
            return "duplicate";
        }
        Effects before = effects();
        apply(new CheckoutPaidEvent(command.paymentId(), command.sessionId(), command.paymentIntentId(),
                command.accountId(), command.packageId(), command.priceBookVersion(), command.tokens(),
                command.amountMinor(), command.currency()));
        postings.post(new CreditPurchasedTokensCommand(command.accountId(), command.sessionId(),
                command.paymentIntentId(), command.packageId(), command.priceBookVersion(), command.tokens(),
                command.amountMinor(), command.currency()));
        post(before, postings);
        return "credited";
    }

    /** @return {@code applied}, {@code pending} (no purchase yet) or {@code duplicate} (no larger total) */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    String handle(RecordChargeRefundedCommand command, AccountPostings postings) {
        requireText(command.paymentId(), "paymentId");
        if (command.amountRefundedMinor() <= 0) {
            throw new CommandRefusedException(RefusalCode.INVALID, "a refund needs a positive amount");
        }
        if (command.amountRefundedMinor() <= refundedMinor) {
            return "duplicate";
        }
        Effects before = effects();
        apply(new PaymentRefundedEvent(command.paymentId(), command.chargeId(), command.amountRefundedMinor(),
                command.currency()));
        post(before, postings);
        return accountId == null ? "pending" : "applied";
    }

    /** @return {@code applied}, {@code pending} (no purchase yet) or {@code duplicate} */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    String handle(RecordDisputeCommand command, AccountPostings postings) {
        requireText(command.paymentId(), "paymentId");
        requireText(command.disputeId(), "disputeId");
        if (command.status() == null || command.amountMinor() < 0) {
            throw new CommandRefusedException(RefusalCode.INVALID, "a dispute needs a status and an amount");
        }
        Dispute known = disputes.get(command.disputeId());
        // A closing that arrived first stands: the later opening changes nothing.
        if (known != null && (command.status() == DisputeStatus.OPEN || known.status() != DisputeStatus.OPEN)) {
            return "duplicate";
        }
        Effects before = effects();
        if (command.status() == DisputeStatus.OPEN) {
            apply(new DisputeOpenedEvent(command.paymentId(), command.disputeId(), command.amountMinor(),
                    command.currency()));
        } else {
            apply(new DisputeClosedEvent(command.paymentId(), command.disputeId(), command.amountMinor(),
                    command.currency(), command.status()));
        }
        post(before, postings);
        return accountId == null ? "pending" : "applied";
    }

    /** Releases first, so a lost dispute's hold is gone before its tokens are revoked. */
    private void post(Effects before, AccountPostings postings) {
        Effects after = effects();
        if (after.held() < before.held()) {
            postings.post(new ReleaseHeldTokensCommand(accountId, paymentId, before.held() - after.held()));
        }
        if (after.refundRevoked() > before.refundRevoked()) {
            postings.post(new RevokeTokensCommand(accountId, paymentId,
                    after.refundRevoked() - before.refundRevoked(), RevocationReason.REFUND));
        }
        if (after.disputeRevoked() > before.disputeRevoked()) {
            postings.post(new RevokeTokensCommand(accountId, paymentId,
                    after.disputeRevoked() - before.disputeRevoked(), RevocationReason.DISPUTE_LOST));
        }
        if (after.held() > before.held()) {
            postings.post(new HoldTokensCommand(accountId, paymentId, after.held() - before.held()));
        }
    }

    /**
     * Each share is the tokens bought times the amount over the amount paid, rounded down. Refunds come first, then
     * lost disputes, then holds, and together they never exceed the tokens the payment bought.
     */
    private Effects effects() {
        if (accountId == null) {
            return new Effects(0, 0, 0);
        }
        long refund = share(refundedMinor);
        long lost = 0;
        long open = 0;
        for (Dispute dispute : disputes.values()) {
            if (dispute.status() == DisputeStatus.LOST) {
                lost += share(dispute.amountMinor());
            } else if (dispute.status() == DisputeStatus.OPEN) {
                open += share(dispute.amountMinor());
            }
        }
        lost = Math.min(tokens - refund, lost);
        open = Math.min(tokens - refund - lost, open);
        return new Effects(refund, lost, open);
    }

    private long share(long minor) {
        if (amountMinor <= 0 || minor <= 0) {
            return 0;
        }
        BigInteger share = BigInteger.valueOf(tokens).multiply(BigInteger.valueOf(minor))
                .divide(BigInteger.valueOf(amountMinor));
        return Math.min(tokens, share.longValueExact());
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new CommandRefusedException(RefusalCode.INVALID, name + " is required");
        }
    }

    @EventSourcingHandler
    void on(CheckoutPaidEvent event) {
        paymentId = event.paymentId();
        accountId = event.accountId();
        tokens = event.tokens();
        amountMinor = event.amountMinor();
    }

    @EventSourcingHandler
    void on(PaymentRefundedEvent event) {
        paymentId = event.paymentId();
        refundedMinor = Math.max(refundedMinor, event.amountRefundedMinor());
    }

    @EventSourcingHandler
    void on(DisputeOpenedEvent event) {
        paymentId = event.paymentId();
        disputes.put(event.disputeId(), new Dispute(event.amountMinor(), DisputeStatus.OPEN));
    }

    @EventSourcingHandler
    void on(DisputeClosedEvent event) {
        paymentId = event.paymentId();
        disputes.put(event.disputeId(), new Dispute(event.amountMinor(), event.status()));
    }
}
