package io.sigmacode.firewall.output;

import io.sigmacode.firewall.text.NormalizedText;
import io.sigmacode.firewall.text.ScanInput;
import io.sigmacode.firewall.text.Scanner;
import io.sigmacode.kernel.firewall.Finding;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.sigmacode.kernel.firewall.FirewallPolicyDocument.PROMPT_LEAK;

/**
 * Answers that recite their own instructions: the model quoting its system prompt or describing what it was told
 * to do. Only runs at stage POST; a prompt that asks for the system prompt is the injection scanner's business.
 */
public final class PromptLeakScanner implements Scanner {

    public static final String ID = "output.prompt_leak@1";

    private static final Pattern LEAK = Pattern.compile(
            "\\b(?:my (?:system )?(?:prompt|instructions) (?:is|are|says?|reads?|states?)\\b|"
                    + "(?:here (?:is|are) )?my (?:system prompt|initial instructions|original instructions)\\s?:|"
                    + "i (?:was|have been|am) (?:instructed|told|programmed|configured) (?:to|not to|that)\\b|"
                    + "(?:the|my) system prompt (?:i (?:was|am) given|above|says?)\\b|"
                    + "^(?:\"|')?you are (?:a|an) (?:helpful |friendly |expert )?(?:assistant|ai|chatbot|bot)\\b"
                    + "[^.]{0,80}\\.\\s(?:you (?:must|should|will|never|always)\\b))");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void scan(ScanInput input, List<Finding> out) {
        NormalizedText norm = input.normalized();
        Matcher m = LEAK.matcher(norm.folded());
        if (m.find()) {
            out.add(new Finding(PROMPT_LEAK, "system_prompt_echo", "output.prompt_leak@1",
                    norm.originalIndex(m.start()), norm.originalIndex(m.end()), 0.8, null));
        }
    }
}
