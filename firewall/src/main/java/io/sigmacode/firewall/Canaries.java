package io.sigmacode.firewall;

import io.sigmacode.firewall.text.AnchorIndex;
import io.sigmacode.firewall.text.Fingerprints;
import io.sigmacode.firewall.text.NormalizedText;
import io.sigmacode.firewall.text.ScanInput;
import io.sigmacode.kernel.firewall.Finding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static io.sigmacode.kernel.firewall.FirewallPolicyDocument.PROMPT_LEAK;

/**
 * Canary strings a tenant placed in an app's system prompt. An answer that contains one has leaked the prompt, which
 * no phrase rule can prove as surely, so it is a {@code prompt_leak} finding with score 1. Matching is on the folded
 * text (case, homoglyphs, invisible characters and whitespace runs do not hide a canary) through the same one-pass
 * literal index the injection anchors use, so a scan costs the same however many canaries an app has.
 */
public final class Canaries {

    public static final String RULE = "output.canary@1";
    public static final Canaries NONE = new Canaries(List.of());
    /** Shorter strings occur in ordinary answers by chance; a canary is meant to be a random token. */
    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 200;
    static final int MAX_COUNT = 100;

    private final List<String> folded;
    private final AnchorIndex index;
    private final int longest;

    private Canaries(List<String> folded) {
        this.folded = folded;
        this.index = folded.isEmpty() ? null : new AnchorIndex(folded);
        this.longest = folded.stream().mapToInt(String::length).max().orElse(0);
    }

    /** @throws InvalidPolicyException naming the first canary that is too short, too long or one too many */
    public static Canaries of(Collection<String> canaries) {
        if (canaries.size() > MAX_COUNT) {
            throw new InvalidPolicyException("canaries: at most " + MAX_COUNT + " per app");
        }
        List<String> folded = new ArrayList<>();
        int i = 0;
        for (String c : canaries) {
            String f = c == null ? "" : NormalizedText.of(c).folded().strip();
            if (f.length() < MIN_LENGTH || f.length() > MAX_LENGTH) {
                throw new InvalidPolicyException(
                        "canaries[" + i + "]: length must be " + MIN_LENGTH + ".." + MAX_LENGTH);
            }
            if (!folded.contains(f)) {
                folded.add(f);
            }
            i++;
        }
        return new Canaries(List.copyOf(folded));
    }

    /**
     * Length of the longest folded canary: a caller scanning a stream chunk by chunk keeps this many characters of
     * the previous text in front of the next chunk, so a canary split across chunks is still seen whole.
     */
    public int longest() {
        return longest;
    }

    boolean isEmpty() {
        return index == null;
    }

    void scan(ScanInput input, List<Finding> out) {
        NormalizedText norm = input.normalized();
        String text = norm.folded();
        index.scan(text, 0, text.length(), (canary, at) -> {
            String c = folded.get(canary);
            out.add(new Finding(PROMPT_LEAK, "canary", RULE, norm.originalIndex(at),
                    norm.originalIndex(at + c.length()), 1.0, Fingerprints.of(c)));
        });
    }
}
