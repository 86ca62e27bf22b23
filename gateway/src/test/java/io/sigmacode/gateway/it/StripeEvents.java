package io.sigmacode.gateway.it;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/** Stripe webhook bodies and their signatures, made the way Stripe makes them: HMAC-SHA256 over "t.payload". */
final class StripeEvents {

    static final String API_VERSION = "2026-07-29.dahlia";

    private StripeEvents() {
    }

    static String signature(String payload, Instant at, String secret) {
        String timestamp = Long.toString(at.getEpochSecond());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signed = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(signed);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String paidSession(String eventId, String sessionId, String intent, String accountId, String packageId,
                              long amount) {
        return """
                {"id":"%s","object":"event","api_version":"%s","type":"checkout.session.completed",
                 "data":{"object":{"id":"%s","object":"checkout.session","mode":"payment","status":"complete",
                  "payment_status":"paid","client_reference_id":"%s","payment_intent":"%s","amount_total":%d,
                  "currency":"eur","metadata":{"accountId":"%s","packageId":"%s","priceBookVersion":"1"}}}}"""
                .formatted(eventId, API_VERSION, sessionId, accountId, intent, amount, accountId, packageId);
    }

    static String refund(String eventId, String intent, long amount, long refunded) {
        return """
                {"id":"%s","object":"event","api_version":"%s","type":"charge.refunded",
                 "data":{"object":{"id":"ch_%s","object":"charge","payment_intent":"%s","amount":%d,
                  "amount_refunded":%d,"currency":"eur","refunded":%b}}}"""
                .formatted(eventId, API_VERSION, intent, intent, amount, refunded, refunded == amount);
    }
}
