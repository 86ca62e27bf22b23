package io.sigmacode.kernel.firewall;

import java.util.List;

/** A tenant's firewall rules as published; the built-in set is {@link #platformDefault()}. */
public record FirewallPolicyDocument(int version, List<String> denyPhrases) {

    public FirewallPolicyDocument {
        denyPhrases = List.copyOf(denyPhrases);
    }

    public static FirewallPolicyDocument platformDefault() {
        return new FirewallPolicyDocument(1, List.of());
    }
}
