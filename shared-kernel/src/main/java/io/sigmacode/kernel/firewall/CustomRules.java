package io.sigmacode.kernel.firewall;

import java.util.List;

/** Tenant rules; they apply at both stages. */
public record CustomRules(List<PhraseRule> phrases, List<RegexRule> regexes, List<TopicRule> topics) {

    public static CustomRules none() {
        return new CustomRules(List.of(), List.of(), List.of());
    }
}
