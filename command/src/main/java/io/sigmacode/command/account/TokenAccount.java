package io.sigmacode.command.account;

import io.sigmacode.kernel.account.AccountOpenedEvent;
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
import io.sigmacode.kernel.call.CallFailedEvent;
import io.sigmacode.kernel.call.CallForwardedEvent;
import io.sigmacode.kernel.call.CallStartedEvent;
import io.sigmacode.kernel.call.FirewallVerdictRecordedEvent;
import io.sigmacode.kernel.call.ReleaseCallCommand;
import io.sigmacode.kernel.call.SettleCallCommand;
import io.sigmacode.kernel.call.StartCallCommand;
import io.sigmacode.kernel.error.CommandRefusedException;
import io.sigmacode.kernel.error.RefusalCode;
import io.sigmacode.kernel.firewall.Verdict;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A tenant's prepaid token account and the consistency boundary of its calls: the balance check and every
 * reservation happen here, serialised per account, so no amount of concurrency can overspend. The call events are
 * recorded on this stream too, which keeps a call's first and second halves to one event-store transaction each.
 */
@Aggregate(snapshotTriggerDefinition = "accountSnapshotTrigger", cache = "accountCache")
public class TokenAccount {

    /** How many finished call ids are remembered to make a repeated settle or release a no-op. */
    static final int REMEMBERED_CALLS = 1_000;

    @AggregateIdentifier
    private String accountId;
    private String tenantId;
    private long balance;
    private long reserved;
    private long overdraftLimit;
    private LinkedHashMap<String, Long> reservations = new LinkedHashMap<>();
    private LinkedHashSet<String> finishedCalls = new LinkedHashSet<>();
    private HashSet<String> creditIds = new HashSet<>();

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
        apply(new TokensCreditedEvent(accountId, command.creditId(), command.tokens(), command.source(),
                command.reason()));
    }

    @CommandHandler
    CallAdmission handle(StartCallCommand command) {
        String callId = command.callId();
        requireText(callId, "callId");
        if (reservations.containsKey(callId) || finishedCalls.contains(callId)) {
            throw new CommandRefusedException(RefusalCode.CONFLICT, "call " + callId + " was already started");
        }
        if (command.reserveTokens() <= 0) {
            throw new CommandRefusedException(RefusalCode.INVALID, "a reservation must be positive");
        }
        var details = command.details();
        apply(new CallStartedEvent(accountId, callId, details.tenantId(), details.apiKeyId(), details.appId(),
                details.endpoint(), details.streaming(), details.idempotencyKey()));
        apply(new FirewallVerdictRecordedEvent(accountId, callId, tenantId, command.preCheck()));
        if (command.preCheck().verdict() == Verdict.BLOCK) {
            apply(new CallFailedEvent(accountId, callId, 403, "firewall_blocked",
                    "The prompt was blocked by the firewall.", null));
            return new CallAdmission(Decision.BLOCKED, available());
        }
        long available = available();
        if (available < command.reserveTokens()) {
            apply(new ReservationRejectedEvent(accountId, callId, command.reserveTokens(), available));
            apply(new CallFailedEvent(accountId, callId, 402, "insufficient_tokens",
                    "The account cannot cover this call: " + available + " tokens available, "
                            + command.reserveTokens() + " needed.", null));
            return new CallAdmission(Decision.INSUFFICIENT_TOKENS, available);
        }
        apply(new TokensReservedEvent(accountId, callId, command.reserveTokens()));
        apply(new CallForwardedEvent(accountId, callId, details.endpoint()));
        return new CallAdmission(Decision.FORWARD, available - command.reserveTokens());
    }

    @CommandHandler
    void handle(SettleCallCommand command) {
        Long reservation = openReservation(command.callId());
        if (reservation == null) {
            return;
        }
        var charge = command.charge();
        if (charge.tokens() < 0) {
            throw new CommandRefusedException(RefusalCode.INVALID, "a charge cannot be negative");
        }
        apply(new FirewallVerdictRecordedEvent(accountId, command.callId(), tenantId, command.postCheck()));
        long fromReservation = Math.min(charge.tokens(), reservation);
        apply(new TokensDebitedEvent(accountId, command.callId(), charge.tokens(), fromReservation, charge));
        if (reservation > fromReservation) {
            apply(new ReservationReleasedEvent(accountId, command.callId(), reservation - fromReservation));
        }
        apply(new CallCompletedEvent(accountId, command.callId(), command.clientStatus(), command.upstream(),
                charge.usage()));
    }

    @CommandHandler
    void handle(ReleaseCallCommand command) {
        Long reservation = openReservation(command.callId());
        if (reservation == null) {
            return;
        }
        apply(new ReservationReleasedEvent(accountId, command.callId(), reservation));
        apply(new CallFailedEvent(accountId, command.callId(), command.clientStatus(), command.code(),
                command.message(), command.upstream()));
    }

    /** @return the call's reservation, or null when the call already finished (a retry, so nothing to do) */
    private Long openReservation(String callId) {
        Long reservation = reservations.get(callId);
        if (reservation == null && !finishedCalls.contains(callId)) {
            throw new CommandRefusedException(RefusalCode.NOT_FOUND, "no open reservation for call " + callId);
        }
        return reservation;
    }

    private long available() {
        return balance + overdraftLimit - reserved;
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
    }

    @EventSourcingHandler
    void on(TokensReservedEvent event) {
        reservations.put(event.callId(), event.tokens());
        reserved += event.tokens();
    }

    @EventSourcingHandler
    void on(TokensDebitedEvent event) {
        balance -= event.tokens();
        reserved -= event.fromReservation();
        reservations.computeIfPresent(event.callId(), (id, left) -> left - event.fromReservation());
    }

    @EventSourcingHandler
    void on(ReservationReleasedEvent event) {
        reserved -= event.tokens();
        reservations.computeIfPresent(event.callId(), (id, left) -> left - event.tokens());
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
        reservations.remove(callId);
        finishedCalls.add(callId);
        if (finishedCalls.size() > REMEMBERED_CALLS) {
            var oldest = finishedCalls.iterator();
            oldest.next();
            oldest.remove();
        }
    }
}
