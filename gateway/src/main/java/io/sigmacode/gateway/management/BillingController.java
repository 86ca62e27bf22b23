package io.sigmacode.gateway.management;

import io.sigmacode.gateway.billing.StripeCheckout;
import io.sigmacode.gateway.billing.StripeWebhooks;
import io.sigmacode.gateway.pricing.PriceBooks;
import io.sigmacode.kernel.pricing.TokenPackage;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/** Buying tokens with Stripe Checkout, and Stripe's webhook that turns payments into tokens. */
@RestController
class BillingController {

    private final ManagementAccess access;
    private final PriceBooks books;
    private final StripeCheckout checkout;
    private final StripeWebhooks webhooks;

    BillingController(ManagementAccess access, PriceBooks books, StripeCheckout checkout, StripeWebhooks webhooks) {
        this.access = access;
        this.books = books;
        this.checkout = checkout;
        this.webhooks = webhooks;
    }

    record CheckoutRequest(@NotBlank @Size(max = 64) String accountId, @NotBlank @Size(max = 64) String packageId,
                           @Size(max = 2048) String successUrl, @Size(max = 2048) String cancelUrl) {
    }

    record CheckoutResponse(String sessionId, String url, String accountId, String packageId, long tokens,
                            long amountMinor, String currency, int priceBookVersion) {
    }

    /**
     * Sells a package of the version in force. A client's {@code Idempotency-Key} makes a retried request return
     * the same session; without one each request creates a session of its own.
     */
    @PostMapping("/api/billing/checkout")
    Mono<CheckoutResponse> checkout(@Valid @RequestBody CheckoutRequest body,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                    ServerWebExchange exchange) {
        var book = books.current().document();
        TokenPackage tokens = book.tokenPackage(body.packageId());
        String idempotencyKey = key == null ? UUID.randomUUID().toString()
                : sha256(body.accountId() + "\n" + body.packageId() + "\n" + book.version() + "\n" + key);
        return access.account(body.accountId(), exchange)
                .doOnNext(tenant -> checkout.requireConfigured())
                .flatMap(tenant -> {
                    if (tokens == null) {
                        return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "no package '"
                                + body.packageId() + "' in price book version " + book.version()));
                    }
                    return checkout.create(body.accountId(), tokens, book.version(), "checkout-" + idempotencyKey,
                            body.successUrl(), body.cancelUrl());
                })
                .map(session -> new CheckoutResponse(session.sessionId(), session.url(), body.accountId(),
                        tokens.id(), tokens.tokens(), tokens.priceMinor(), tokens.currency(), book.version()));
    }

    /** The raw body as Stripe signed it; 200 for every event accepted, acted on or not. */
    @PostMapping("/api/billing/stripe/webhook")
    Mono<StripeWebhooks.Receipt> webhook(@RequestBody(required = false) String payload,
                                         @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        return webhooks.receive(payload == null ? "" : payload, signature);
    }

    /** Keys are scoped to account, package and version, so one client key never buys two different things. */
    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
