package io.sigmacode.kernel.firewall;

import java.util.List;

/** Deny words and phrases, matched case-insensitively on word boundaries after normalisation. */
public record PhraseRule(String id, List<String> phrases, Verdict action) {
}
