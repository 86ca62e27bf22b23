package io.sigmacode.firewall.eval;

import io.sigmacode.firewall.CompiledPolicy;
import io.sigmacode.firewall.FirewallEngine;
import io.sigmacode.firewall.ScanResult;
import io.sigmacode.firewall.learned.InjectionClassifier;
import io.sigmacode.kernel.firewall.CategoryAction;
import io.sigmacode.kernel.firewall.Finding;
import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.firewall.ScanLimits;
import io.sigmacode.kernel.firewall.Stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Runs the default policy over the labelled files and prints recall and false-positive rate per file and per
 * origin/category, for the training part and the frozen held-out part ({@link DevSet}) side by side. Arguments: the
 * firewall-dev directory (default ../shared/firewall-dev); {@code --misses} lists the ids of misclassified
 * <em>training</em> rows (held-out misses are never listed, so rules cannot be written against them);
 * {@code --held-out} adds the frozen held-out part (leave it off while writing rules, so that the slice stays unseen);
 * {@code --threshold=x} overrides every threshold; {@code --extra=path} and {@code --extra-pii=path} name further
 * files in the injection and PII formats reported on their own (defaults: the hand-written multilingual injection set
 * and the hand-written German PII set in firewall/training-data).
 */
public final class FirewallEvaluation {

    /** Which categories count as a detection for a file, which label is positive, and what rows are grouped by. */
    public record Spec(String file, Set<String> categories, String positiveLabel, String groupField) {

        public static final Spec INJECTION = new Spec("injection.jsonl",
                Set.of("prompt_injection", "jailbreak", "prompt_leak"), "attack", "category");
        static final Spec PII = new Spec("pii.jsonl", Set.of("pii"), "pii", "origin");
        static final Spec SECRETS = new Spec("secrets.jsonl", Set.of("secret"), "secret", "origin");

        boolean pii() {
            return file.startsWith("pii");
        }

        /** The group a row is reported under; PII rows also say whether they are structured or a hard negative. */
        public String group(DevSet.Row row) {
            String g = row.field(groupField);
            boolean positive = positiveLabel.equals(row.label());
            if (pii() && positive) {
                g += row.json().path("structured").asBoolean() ? " [structured]" : " [unstructured]";
            }
            if (pii() && !positive && row.json().path("hard_negative").asBoolean()) {
                g += " [hard_negative]";
            }
            if (row.json().has("language")) {
                g += " [" + row.field("language") + "]";
            }
            return g;
        }

        /** PII headline recall is over structured rows; names and addresses are reported as their own groups. */
        boolean headline(DevSet.Row row) {
            return !(pii() && positiveLabel.equals(row.label()) && !row.json().path("structured").asBoolean());
        }
    }

    private static final long SLOW_NANOS = ScanLimits.defaults().timeBudgetMillis() * 1_000_000L;
    private static final long EVALUATION_BUDGET_MS = 10_000;

    private static boolean showHeldOut;

    private FirewallEvaluation() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0] : "../shared/firewall-dev");
        boolean misses = List.of(args).contains("--misses");
        showHeldOut = List.of(args).contains("--held-out");
        FirewallEngine engine = new FirewallEngine();
        CompiledPolicy policy = engine.compile(evaluationPolicy(option(args, "--threshold=")));
        Tally.header();
        for (Spec spec : List.of(Spec.INJECTION, Spec.PII, Spec.SECRETS)) {
            report(engine, policy, spec, spec.file(), DevSet.read(dir.resolve(spec.file())), misses);
        }
        String extra = option(args, "--extra=");
        if (extra == null) {
            extra = "firewall/training-data/injection-multilingual.jsonl";
        }
        if (Files.exists(Path.of(extra))) {
            report(engine, policy, Spec.INJECTION, Path.of(extra).getFileName().toString(),
                    DevSet.read(Path.of(extra)), misses);
        }
        String extraPii = option(args, "--extra-pii=");
        if (extraPii == null) {
            extraPii = "firewall/training-data/pii-german.jsonl";
        }
        if (Files.exists(Path.of(extraPii))) {
            report(engine, policy, Spec.PII, Path.of(extraPii).getFileName().toString(),
                    DevSet.read(Path.of(extraPii)), misses);
        }
    }

    private static void report(FirewallEngine engine, CompiledPolicy policy, Spec spec, String title,
                               List<DevSet.Row> rows, boolean misses) {
        Tally train = new Tally();
        Tally heldOut = new Tally();
        for (DevSet.Row row : rows) {
            boolean positive = spec.positiveLabel().equals(row.label());
            boolean detected = detected(engine, policy, spec.categories(), row.text());
            (row.heldOut() ? heldOut : train).add(spec.group(row), positive, detected, spec.headline(row));
            if (misses && !row.heldOut() && positive != detected) {
                System.out.println("  " + (positive ? "MISS " : "FP   ") + row.id() + " " + spec.group(row));
            }
        }
        String overall = spec.pii() ? "ALL (positives: structured only)" : "ALL";
        train.print(title + " TRAIN", overall);
        if (showHeldOut) {
            heldOut.print(title + " HELD-OUT", overall);
        }
        if (spec != Spec.INJECTION) {
            injectionAlarms(engine, policy, title, rows);
        }
    }

    /** No row of the personal-data and secrets files is an attack: any injection finding there is a false alarm. */
    private static void injectionAlarms(FirewallEngine engine, CompiledPolicy policy, String title,
                                        List<DevSet.Row> rows) {
        Tally train = new Tally();
        Tally heldOut = new Tally();
        for (DevSet.Row row : rows) {
            boolean alarm = detected(engine, policy, Spec.INJECTION.categories(), row.text());
            (row.heldOut() ? heldOut : train).add("injection findings on " + row.label() + " rows", false, alarm,
                    true);
        }
        train.print(title + " TRAIN", "ALL rows, injection findings");
        if (showHeldOut) {
            heldOut.print(title + " HELD-OUT", "ALL rows, injection findings");
        }
    }

    private static String option(String[] args, String prefix) {
        for (String a : args) {
            if (a.startsWith(prefix)) {
                return a.substring(prefix.length());
            }
        }
        return null;
    }

    /**
     * The platform default with the wall-clock budget lifted, so that figures do not depend on machine load (scans
     * slower than the default budget are still reported as SLOW lines); {@code threshold} overrides all thresholds.
     */
    public static FirewallPolicyDocument evaluationPolicy(String threshold) {
        FirewallPolicyDocument d = FirewallPolicyDocument.platformDefault();
        List<CategoryAction> actions = threshold == null ? d.actions() : d.actions().stream()
                .map(a -> new CategoryAction(a.category(), a.stage(), a.action(),
                        a.category().equals("custom") ? a.threshold() : Double.parseDouble(threshold)))
                .toList();
        ScanLimits l = d.limits();
        return new FirewallPolicyDocument(d.version(), actions, d.customRules(), d.maskAndRestore(),
                new ScanLimits(l.maxChars(), EVALUATION_BUDGET_MS, l.failClosedAction()));
    }

    public static boolean detected(FirewallEngine engine, CompiledPolicy policy, Set<String> categories,
                                   String text) {
        return detected(engine, policy, categories, text, true);
    }

    /** The same, counting only rule findings: what the engine detected before the classifier existed. */
    public static boolean detectedByRules(FirewallEngine engine, CompiledPolicy policy, Set<String> categories,
                                          String text) {
        return detected(engine, policy, categories, text, false);
    }

    private static boolean detected(FirewallEngine engine, CompiledPolicy policy, Set<String> categories,
                                    String text, boolean withClassifier) {
        ScanResult r = engine.scan(policy, Stage.PRE, text);
        if (r.reason() != null) {
            System.out.println("  FAIL-CLOSED " + r.reason() + " after " + r.scanNanos() / 1000 + " us");
        } else if (r.scanNanos() > SLOW_NANOS) {
            System.out.println("  SLOW (over the default budget) " + r.scanNanos() / 1000 + " us");
        }
        for (Finding f : r.findings()) {
            if (categories.contains(f.category()) && (withClassifier || !f.rule().equals(InjectionClassifier.ID))) {
                return true;
            }
        }
        return false;
    }
}
