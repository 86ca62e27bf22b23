package io.sigmacode.firewall.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sigmacode.firewall.CompiledPolicy;
import io.sigmacode.firewall.FirewallEngine;
import io.sigmacode.firewall.ScanResult;
import io.sigmacode.kernel.firewall.CategoryAction;
import io.sigmacode.kernel.firewall.Finding;
import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.firewall.ScanLimits;
import io.sigmacode.kernel.firewall.Stage;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs the default policy over the labelled development files and prints recall and false-positive rate per file
 * and per origin/category. Arguments: the firewall-dev directory (default ../shared/firewall-dev), and optionally
 * {@code --misses} to list the ids of misclassified rows for inspection and {@code --threshold=x} to override thresholds.
 */
public final class FirewallEvaluation {

    private record Spec(String file, Set<String> categories, String positiveLabel, String groupField) {
    }

    private static final List<Spec> SPECS = List.of(
            new Spec("injection.jsonl", Set.of("prompt_injection", "jailbreak", "prompt_leak"), "attack", "category"),
            new Spec("pii.jsonl", Set.of("pii"), "pii", "origin"),
            new Spec("secrets.jsonl", Set.of("secret"), "secret", "origin"));

    private static final long SLOW_NANOS = ScanLimits.defaults().timeBudgetMillis() * 1_000_000L;
    private static final long EVALUATION_BUDGET_MS = 10_000;

    private FirewallEvaluation() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0] : "../shared/firewall-dev");
        boolean misses = List.of(args).contains("--misses");
        FirewallEngine engine = new FirewallEngine();
        CompiledPolicy policy = engine.compile(withEvaluationBudget(withThreshold(FirewallPolicyDocument.platformDefault(), threshold(args))));
        ObjectMapper json = new ObjectMapper();
        System.out.printf("%-16s %-44s %6s %6s %8s %6s %6s %8s%n", "file", "group", "pos", "hit", "recall", "neg", "fp", "fp-rate");
        for (Spec spec : SPECS) {
            Map<String, int[]> groups = new TreeMap<>();
            int[] total = new int[4];
            try (BufferedReader in = Files.newBufferedReader(dir.resolve(spec.file()))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode row = json.readTree(line);
                    boolean positive = spec.positiveLabel().equals(row.path("label").asText());
                    boolean detected = detected(engine, policy, spec, row.path("text").asText());
                    String group = row.path(spec.groupField()).asText();
                    if (spec.file().startsWith("pii") && positive) {
                        group += row.path("structured").asBoolean() ? " [structured]" : " [unstructured]";
                    }
                    if (spec.file().startsWith("pii") && !positive && row.path("hard_negative").asBoolean()) {
                        group += " [hard_negative]";
                    }
                    count(groups.computeIfAbsent((positive ? "+ " : "- ") + group, k -> new int[4]), positive, detected);
                    boolean headline = !(spec.file().startsWith("pii") && positive && !row.path("structured").asBoolean());
                    if (headline) {
                        count(total, positive, detected);
                    }
                    if (misses && positive != detected) {
                        System.out.println("  " + (positive ? "MISS " : "FP   ") + row.path("id").asText() + " " + group);
                    }
                }
            }
            print(spec.file(), spec.file().startsWith("pii") ? "ALL (positives: structured only)" : "ALL", total);
            groups.forEach((g, c) -> print("", g, c));
        }
    }

    /** {@code --threshold=0.4} overrides every category's threshold, to see the recall/false-positive trade-off. */
    private static Double threshold(String[] args) {
        for (String a : args) {
            if (a.startsWith("--threshold=")) {
                return Double.valueOf(a.substring("--threshold=".length()));
            }
        }
        return null;
    }

    private static FirewallPolicyDocument withThreshold(FirewallPolicyDocument d, Double threshold) {
        if (threshold == null) {
            return d;
        }
        List<CategoryAction> actions = d.actions().stream()
                .map(a -> new CategoryAction(a.category(), a.stage(), a.action(), a.category().equals("custom") ? a.threshold() : threshold))
                .toList();
        return new FirewallPolicyDocument(d.version(), actions, d.customRules(), d.maskAndRestore(), d.limits());
    }

    /**
     * Detection quality should not depend on how busy the machine is, so the evaluation lifts the wall-clock budget;
     * scans slower than the platform default budget are still reported as SLOW lines.
     */
    private static FirewallPolicyDocument withEvaluationBudget(FirewallPolicyDocument d) {
        ScanLimits l = d.limits();
        return new FirewallPolicyDocument(d.version(), d.actions(), d.customRules(), d.maskAndRestore(),
                new ScanLimits(l.maxChars(), EVALUATION_BUDGET_MS, l.failClosedAction()));
    }

    private static boolean detected(FirewallEngine engine, CompiledPolicy policy, Spec spec, String text) {
        ScanResult r = engine.scan(policy, Stage.PRE, text);
        if (r.reason() != null) {
            System.out.println("  FAIL-CLOSED " + r.reason() + " after " + r.scanNanos() / 1000 + " us, " + text.length() + " chars");
        } else if (r.scanNanos() > SLOW_NANOS) {
            System.out.println("  SLOW (over the default budget) " + r.scanNanos() / 1000 + " us, " + text.length() + " chars");
        }
        for (Finding f : r.findings()) {
            if (spec.categories().contains(f.category())) {
                return true;
            }
        }
        return false;
    }

    private static void count(int[] c, boolean positive, boolean detected) {
        if (positive) {
            c[0]++;
            c[1] += detected ? 1 : 0;
        } else {
            c[2]++;
            c[3] += detected ? 1 : 0;
        }
    }

    private static void print(String file, String group, int[] c) {
        String recall = c[0] == 0 ? "-" : String.format("%.1f%%", 100.0 * c[1] / c[0]);
        String fp = c[2] == 0 ? "-" : String.format("%.1f%%", 100.0 * c[3] / c[2]);
        System.out.printf("%-16s %-44s %6d %6d %8s %6d %6d %8s%n", file, group, c[0], c[1], recall, c[2], c[3], fp);
    }
}
