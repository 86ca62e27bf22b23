package io.sigmacode.gateway.billing;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.LineItem;
import com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData;
import com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData.ProductData;
import com.stripe.param.checkout.SessionCreateParams.PaymentIntentData;
import io.sigmacode.gateway.config.StripeProperties;
import io.sigmacode.kernel.pricing.TokenPackage;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Locale;

/** Creates Stripe Checkout sessions that sell one package of the price book. */
@Component
public class StripeCheckout {

    /** Stripe's own retries reuse the idempotency key, so a network hiccup never creates a second session. */
    private static final int NETWORK_RETRIES = 2;

    public record Session(String sessionId, String url) {
    }

    private final StripeProperties properties;
    private final StripeClient client;

    StripeCheckout(StripeProperties properties) {
        this.properties = properties;
        if (properties.checkoutConfigured()) {
            var builder = StripeClient.builder().setApiKey(properties.apiKey()).setMaxNetworkRetries(NETWORK_RETRIES);
            if (properties.apiBase() != null && !properties.apiBase().isBlank()) {
                builder.setApiBase(properties.apiBase());
            }
            this.client = builder.build();
        } else {
            this.client = null;
        }
    }

    /** Fails with 503 at once when Stripe is not configured. */
    public void requireConfigured() {
        if (client == null) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Billing is not configured: set STRIPE_API_KEY (and STRIPE_WEBHOOK_SECRET) to sell tokens.");
        }
    }

    /**
     * A session in {@code payment} mode whose metadata name the account, the package and the price book version it
     * was sold under: the webhook credits exactly that, whatever the price book says by then.
     */
    public Mono<Session> create(String accountId, TokenPackage tokens, int priceBookVersion, String idempotencyKey,
                                String successUrl, String cancelUrl) {
        requireConfigured();
        var params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setClientReferenceId(accountId)
                .putMetadata("accountId", accountId)
                .putMetadata("packageId", tokens.id())
                .putMetadata("priceBookVersion", Integer.toString(priceBookVersion))
                .setPaymentIntentData(PaymentIntentData.builder()
                        .putMetadata("accountId", accountId)
                        .putMetadata("packageId", tokens.id())
                        .putMetadata("priceBookVersion", Integer.toString(priceBookVersion))
                        .build())
                .addLineItem(LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(PriceData.builder()
                                .setCurrency(tokens.currency().toLowerCase(Locale.ROOT))
                                .setUnitAmount(tokens.priceMinor())
                                .setProductData(ProductData.builder()
                                        .setName(String.format(Locale.ROOT, "%,d Sigmacode tokens (%s)",
                                                tokens.tokens(), tokens.id()))
                                        .build())
                                .build())
                        .build());
        String success = successUrl != null ? successUrl : properties.successUrl();
        String cancel = cancelUrl != null ? cancelUrl : properties.cancelUrl();
        if (success != null) {
            params.setSuccessUrl(success);
        }
        if (cancel != null) {
            params.setCancelUrl(cancel);
        }
        var options = RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
        return Mono.fromCallable(() -> {
                    var session = client.v1().checkout().sessions().create(params.build(), options);
                    return new Session(session.getId(), session.getUrl());
                })
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(StripeException.class, e -> new ResponseStatusException(HttpStatus.BAD_GATEWAY,
                        "Stripe did not create the session: " + e.getMessage()));
    }
}
