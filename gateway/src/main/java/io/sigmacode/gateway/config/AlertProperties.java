package io.sigmacode.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Low-balance alerts and their outbound webhooks.
 *
 * @param pollEvery   how often accounts with an alert are checked after their balance changed, and due webhooks sent
 * @param retryBase   the wait after the first failed delivery; it doubles with each further failure
 * @param maxAttempts deliveries given up after this many failed attempts (each one recorded)
 * @param timeout     how long one delivery attempt may take
 */
@ConfigurationProperties("sigmacode.alerts")
public record AlertProperties(@DefaultValue("1s") Duration pollEvery, @DefaultValue("10s") Duration retryBase,
                              @DefaultValue("10") int maxAttempts, @DefaultValue("10s") Duration timeout) {
}
