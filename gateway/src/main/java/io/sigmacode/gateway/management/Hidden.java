package io.sigmacode.gateway.management;

/**
 * What a request or answer record shows of a secret in its {@code toString}: Spring's codecs log decoded and
 * encoded bodies at DEBUG through it, and no log may hold a key, a Dify key or a text the firewall scans.
 */
final class Hidden {

    private Hidden() {
    }

    static String of(String secret) {
        return secret == null ? "null" : "[hidden, " + secret.length() + " characters]";
    }
}
