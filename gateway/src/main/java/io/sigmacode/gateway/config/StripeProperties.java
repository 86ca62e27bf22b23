package io.sigmacode.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Stripe, bound from {@code STRIPE_API_KEY}, {@code STRIPE_WEBHOOK_SECRET}, {@code STRIPE_API_BASE},
 * {@code STRIPE_SUCCESS_URL} and {@code STRIPE_CANCEL_URL}. Unset, the billing endpoints answer 503.
 *
 * @param apiKey        secret key ({@code sk_…}) for creating Checkout sessions
 * @param webhookSecret signing secret ({@code whsec_…}) of the webhook endpoint
 * @param apiBase       where stripe-java sends its requests instead of {@code https://api.stripe.com} (tests, stubs)
 * @param successUrl    where Checkout sends the buyer after paying, unless the request names a page
 * @param cancelUrl     where Checkout sends a buyer who gave up, unless the request names a page
 */
@ConfigurationProperties("stripe")
public record StripeProperties(String apiKey, String webhookSecret, String apiBase, String successUrl,
                               String cancelUrl) {

    public boolean checkoutConfigured() {
        return apiKey != null && !apiKey.isBlank();
    }

    public boolean webhookConfigured() {
        return webhookSecret != null && !webhookSecret.isBlank();
    }
}
