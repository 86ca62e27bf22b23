package io.sigmacode.gateway.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.sigmacode.gateway.config.StripeProperties;
import io.sigmacode.gateway.pricing.PriceBooks;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.billing.DisputeStatus;
import io.sigmacode.kernel.billing.RecordChargeRefundedCommand;
import io.sigmacode.kernel.billing.RecordCheckoutPaidCommand;
import io.sigmacode.kernel.billing.RecordDisputeCommand;
import io.sigmacode.kernel.error.CommandRefusedException;
import io.sigmacode.kernel.pricing.PriceBookDocument;
import io.sigmacode.kernel.pricing.TokenPackage;
import io.sigmacode.kernel.tenant.FindTenantByAccountQuery;
import io.sigmacode.kernel.tenant.TenantResponse;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * Stripe's webhook deliveries: verified over the raw body, then turned into commands on the payment they concern.
 * Exactly-once lives in the payment aggregate (a session credits once, refund totals only grow, a dispute opens and
 * closes once), so concurrent and repeated deliveries of one event need no lock here; {@code stripe_event} keeps
 * what became of each event id and answers a redelivery of a recorded one at once.
 */
@Component
public class StripeWebhooks {

    /** Stripe's own default: a signature older than five minutes may be a replay. */
    static final long TOLERANCE_SECONDS = 300;
    private static final int DETAIL_LENGTH = 500;

    /** {@code position} and {@code visible} as for grants ({@link BalanceVisibility}), when an account was credited. */
    public record Receipt(String eventId, String type, String outcome, String detail, Long position,
                          Boolean visible) {
    }

    private record Outcome(String outcome, String detail, String objectId, String paymentId, String accountId) {
        static Outcome of(String outcome, String detail, String objectId) {
            return new Outcome(outcome, detail, objectId, null, null);
        }
    }

    private final StripeProperties properties;
    private final Bus bus;
    private final PriceBooks books;
    private final JdbcTemplate jdbc;
    private final BalanceVisibility visibility;
    private final ObjectMapper json = new ObjectMapper();

    StripeWebhooks(StripeProperties properties, Bus bus, PriceBooks books, JdbcTemplate jdbc,
                   BalanceVisibility visibility) {
        this.properties = properties;
        this.bus = bus;
        this.books = books;
        this.jdbc = jdbc;
        this.visibility = visibility;
    }

    /** Fails with 503 when no signing secret is set, 400 on a bad signature or body: nothing is recorded then. */
    public Mono<Receipt> receive(String payload, String signature) {
        if (!properties.webhookConfigured()) {
            return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Billing is not configured: set STRIPE_WEBHOOK_SECRET to accept Stripe's webhooks."));
        }
        if (signature == null || signature.isBlank()) {
            return Mono.error(badRequest("The Stripe-Signature header is missing."));
        }
        JsonNode event;
        try {
            Webhook.Signature.verifyHeader(payload, signature, properties.webhookSecret(), TOLERANCE_SECONDS);
            event = json.readTree(payload);
        } catch (SignatureVerificationException e) {
            return Mono.error(badRequest("The Stripe-Signature does not match the body, or is older than "
                    + TOLERANCE_SECONDS + " s."));
        } catch (JsonProcessingException e) {
            return Mono.error(badRequest("The body is not JSON."));
        }
        String id = text(event, "id");
        String type = text(event, "type");
        if (id == null || type == null) {
            return Mono.error(badRequest("The body is not a Stripe event: it needs an id and a type."));
        }
        return Mono.fromCallable(() -> recorded(id))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(earlier -> earlier
                        .map(outcome -> Mono.just(new Receipt(id, type, outcome, "already received", null, null)))
                        .orElseGet(() -> handle(type, event.path("data").path("object"))
                                .flatMap(outcome -> record(id, type, outcome))));
    }

    private Mono<Outcome> handle(String type, JsonNode object) {
        return switch (type) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> checkout(object);
            case "invoice.paid" -> invoice(object);
            case "invoice.payment_failed" -> Mono.just(failedInvoice(object));
            case "charge.refunded" -> refund(object);
            case "charge.dispute.created" -> dispute(object, DisputeStatus.OPEN);
            case "charge.dispute.closed" -> dispute(object, "lost".equals(text(object, "status"))
                    ? DisputeStatus.LOST : DisputeStatus.WON);
            default -> Mono.just(Outcome.of("ignored", null, text(object, "id")));
        };
    }

    /** The account is {@code client_reference_id}, else {@code metadata.accountId}. */
    private Mono<Outcome> checkout(JsonNode session) {
        String sessionId = text(session, "id");
        if (!"paid".equals(text(session, "payment_status"))) {
            return Mono.just(Outcome.of("pending", "payment_status " + text(session, "payment_status"), sessionId));
        }
        String accountId = Optional.ofNullable(text(session, "client_reference_id"))
                .orElse(text(session.path("metadata"), "accountId"));
        String intent = idOf(session.path("payment_intent"));
        String paymentId = intent != null ? intent : sessionId;
        if (sessionId == null || accountId == null) {
            return Mono.just(new Outcome("unmatched", "the session names no account", sessionId, paymentId, null));
        }
        return credit(sessionId, intent, accountId, session.path("metadata"), session.path("amount_total").asLong(0),
                text(session, "currency"));
    }

    /**
     * An invoice sells a package like a Checkout session when its metadata names the account and the package (and
     * the price book version), as finance sets it on an invoice sent to a customer who pays by bank transfer. It is
     * credited once per payment, by the same payment aggregate as a session: an invoice for a payment a session
     * already credited is a duplicate.
     */
    private Mono<Outcome> invoice(JsonNode invoice) {
        String invoiceId = text(invoice, "id");
        String accountId = text(invoice.path("metadata"), "accountId");
        String intent = invoiceIntent(invoice);
        String paymentId = intent != null ? intent : invoiceId;
        if (invoiceId == null || accountId == null || text(invoice.path("metadata"), "packageId") == null) {
            return Mono.just(new Outcome("unmatched", "the invoice names no account and package in its metadata",
                    invoiceId, paymentId, accountId));
        }
        return credit(invoiceId, intent, accountId, invoice.path("metadata"), invoice.path("amount_paid").asLong(0),
                text(invoice, "currency"));
    }

    /** Nothing was credited for an unpaid invoice, so nothing is taken back; finance sees the attempt. */
    private static Outcome failedInvoice(JsonNode invoice) {
        String invoiceId = text(invoice, "id");
        String intent = invoiceIntent(invoice);
        String detail = "attempt " + invoice.path("attempt_count").asLong(0) + ", "
                + invoice.path("amount_due").asLong(0) + " " + currency(invoice) + " due";
        return new Outcome("payment_failed", detail, invoiceId, intent != null ? intent : invoiceId,
                text(invoice.path("metadata"), "accountId"));
    }

    /**
     * Older API versions name the payment intent on the invoice; newer ones list the invoice's payments. Either way
     * refunds and disputes of its charge then find the payment.
     */
    private static String invoiceIntent(JsonNode invoice) {
        String intent = idOf(invoice.path("payment_intent"));
        if (intent != null) {
            return intent;
        }
        for (JsonNode payment : invoice.path("payments").path("data")) {
            intent = idOf(payment.path("payment").path("payment_intent"));
            if (intent != null) {
                return intent;
            }
        }
        return null;
    }

    /**
     * Credits the package a paid session or invoice sold, by the price book version it names; {@code sessionId} is
     * the session's or the invoice's id.
     */
    private Mono<Outcome> credit(String sessionId, String intent, String accountId, JsonNode metadata, long amount,
                                 String paidCurrency) {
        String paymentId = intent != null ? intent : sessionId;
        String packageId = text(metadata, "packageId");
        Integer version = version(text(metadata, "priceBookVersion"));
        Optional<PriceBookDocument> book = version == null ? Optional.of(books.current().document())
                : books.version(version);
        TokenPackage tokens = book.map(b -> b.tokenPackage(packageId)).orElse(null);
        if (tokens == null) {
            return Mono.just(new Outcome("unmatched", "no package '" + packageId + "' in price book version "
                    + book.map(PriceBookDocument::version).orElse(version), sessionId, paymentId, accountId));
        }
        int soldUnder = book.get().version();
        String currency = Optional.ofNullable(paidCurrency).orElse(tokens.currency()).toUpperCase(Locale.ROOT);
        return bus.query(new FindTenantByAccountQuery(accountId), TenantResponse.class)
                .flatMap(tenant -> bus.<String>send(new RecordCheckoutPaidCommand(paymentId, sessionId, intent,
                        accountId, packageId, soldUnder, tokens.tokens(), amount, currency)))
                .map(result -> new Outcome(result, null, sessionId, paymentId, accountId))
                .defaultIfEmpty(new Outcome("unmatched", "no account " + accountId, sessionId, paymentId, accountId))
                .onErrorResume(StripeWebhooks::refusal,
                        e -> Mono.just(new Outcome("unmatched", e.getMessage(), sessionId, paymentId, accountId)));
    }

    /** {@code amount_refunded} is the charge's running total; the payment revokes only what it adds. */
    private Mono<Outcome> refund(JsonNode charge) {
        String chargeId = text(charge, "id");
        String intent = idOf(charge.path("payment_intent"));
        if (intent == null) {
            return Mono.just(Outcome.of("unmatched", "the charge has no payment intent", chargeId));
        }
        return sent(new RecordChargeRefundedCommand(intent, chargeId, charge.path("amount_refunded").asLong(0),
                currency(charge)), chargeId, intent);
    }

    /** A closed dispute that was not lost (won, or closed as a warning) gives its hold back. */
    private Mono<Outcome> dispute(JsonNode dispute, DisputeStatus status) {
        String disputeId = text(dispute, "id");
        String intent = idOf(dispute.path("payment_intent"));
        if (intent == null) {
            return Mono.just(Outcome.of("unmatched", "the dispute has no payment intent", disputeId));
        }
        return sent(new RecordDisputeCommand(intent, disputeId, dispute.path("amount").asLong(0), currency(dispute),
                status), disputeId, intent);
    }

    private Mono<Outcome> sent(Object command, String objectId, String paymentId) {
        return bus.<String>send(command)
                .map(result -> new Outcome(result, null, objectId, paymentId, null))
                .onErrorResume(StripeWebhooks::refusal,
                        e -> Mono.just(new Outcome("unmatched", e.getMessage(), objectId, paymentId, null)));
    }

    /** Refusals are final, so Stripe must not retry them; anything else fails the delivery and Stripe retries. */
    private static boolean refusal(Throwable e) {
        return e instanceof CommandRefusedException || e instanceof AggregateNotFoundException;
    }

    private Optional<String> recorded(String eventId) {
        return jdbc.queryForList("SELECT outcome FROM stripe_event WHERE event_id = ?", String.class, eventId)
                .stream().findFirst();
    }

    /**
     * Concurrent first deliveries of one event all reach the payment, which lets one of them act and answers the
     * rest {@code duplicate}; whichever row lands first, the acting delivery's outcome is the one kept.
     */
    private Mono<Receipt> record(String id, String type, Outcome outcome) {
        String detail = outcome.detail() == null || outcome.detail().length() <= DETAIL_LENGTH ? outcome.detail()
                : outcome.detail().substring(0, DETAIL_LENGTH);
        return Mono.fromCallable(() -> jdbc.update("""
                        INSERT INTO stripe_event
                            (event_id, type, outcome, detail, object_id, payment_id, account_id, received_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (event_id) DO UPDATE SET outcome = EXCLUDED.outcome, detail = EXCLUDED.detail,
                            account_id = EXCLUDED.account_id
                        WHERE stripe_event.outcome = 'duplicate'""",
                        id, type, outcome.outcome(), detail, outcome.objectId(), outcome.paymentId(),
                        outcome.accountId(), OffsetDateTime.now(ZoneOffset.UTC)))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.defer(() -> "credited".equals(outcome.outcome())
                        ? visibility.await(outcome.accountId())
                        .map(seen -> new Receipt(id, type, outcome.outcome(), detail, seen.position(), seen.visible()))
                        : Mono.just(new Receipt(id, type, outcome.outcome(), detail, null, null))));
    }

    /** @return null when the session names no version (the version in force sells it), -1 when it is no number */
    private static Integer version(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String currency(JsonNode object) {
        String currency = text(object, "currency");
        return currency == null ? null : currency.toUpperCase(Locale.ROOT);
    }

    /** An id field that Stripe may also send expanded, as an object with its own {@code id}. */
    private static String idOf(JsonNode field) {
        return field.isObject() ? text(field, "id") : field.isTextual() ? field.asText() : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static ResponseStatusException badRequest(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }
}
