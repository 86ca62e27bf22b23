package io.sigmacode.firewall.learned;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigmacode.firewall.CompiledPolicy;
import io.sigmacode.firewall.FirewallEngine;
import io.sigmacode.firewall.eval.DevSet;
import io.sigmacode.firewall.eval.FirewallEvaluation;
import io.sigmacode.firewall.eval.Tally;
import io.sigmacode.firewall.text.NormalizedText;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.sigmacode.firewall.eval.FirewallEvaluation.Spec.INJECTION;

/**
 * Trains the shipped injection classifier and prints how well it can be expected to do.
 * <ol>
 *   <li>Rows: {@code injection.jsonl} of firewall-dev plus the hand-written multilingual set, and every row of
 *       {@code pii.jsonl} and {@code secrets.jsonl} as a benign example, minus the held-out fifth
 *       ({@link DevSet}).</li>
 *   <li>5-fold cross-validation: each fold is scored by a model trained on the other four. The operating point is
 *       the out-of-fold probability that keeps benign false positives at or below {@link #TARGET_FP}.</li>
 *   <li>The whole engine (rules plus the fold's model) is run on each fold, so the cross-validated figures are those
 *       of the product, not of the model alone.</li>
 *   <li>The final model is trained on all training rows and, with {@code --write}, stored as the resource.</li>
 * </ol>
 * Arguments: {@code [firewall-dev dir] [--extra=multilingual.jsonl] [--write]}.
 */
public final class TrainInjectionClassifier {

    private static final int FOLDS = 5;
    private static final String HAND_WRITTEN = "firewall/training-data/injection-multilingual.jsonl";
    private static final List<String> OTHER_FILES = List.of("pii.jsonl", "secrets.jsonl");
    private static final String BORROWED = "no attack: ";
    private static final double TARGET_FP = 0.02;
    private static final Path RESOURCE = Path.of("firewall/src/main/resources/io/sigmacode/firewall/learned",
            InjectionClassifier.RESOURCE);

    private TrainInjectionClassifier() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0] : "../shared/firewall-dev");
        List<DevSet.Row> rows = new ArrayList<>(DevSet.read(dir.resolve(INJECTION.file())));
        String extra = Arrays.stream(args).filter(a -> a.startsWith("--extra=")).findFirst()
                .map(a -> a.substring("--extra=".length())).orElse(HAND_WRITTEN);
        rows.addAll(DevSet.read(Path.of(extra)));
        for (String other : OTHER_FILES) {
            DevSet.read(dir.resolve(other)).forEach(r -> rows.add(asBenign(r, other)));
        }
        rows.removeIf(DevSet.Row::heldOut);
        List<LogisticTrainer.Example> examples = rows.stream()
                .map(r -> LogisticTrainer.Example.of(NormalizedText.of(r.text()).folded(), attack(r))).toList();

        double[] oof = new double[rows.size()];
        for (int f = 0; f < FOLDS; f++) {
            InjectionClassifier model = LogisticTrainer.train(without(examples, rows, f), 0.5);
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).fold(FOLDS) == f) {
                    oof[i] = model.probability(NormalizedText.of(rows.get(i).text()).folded());
                }
            }
        }
        double point = operatingPoint(rows, oof);
        System.out.printf("training rows %d, operating point %.3f (out-of-fold FP on benign prompts <= %.0f%%)%n",
                rows.size(), point, TARGET_FP * 100);
        Tally modelOnly = new Tally();
        for (int i = 0; i < rows.size(); i++) {
            modelOnly.add(INJECTION.group(rows.get(i)), attack(rows.get(i)), oof[i] >= point, true);
        }
        Tally combined = new Tally();
        Tally rulesOnly = new Tally();
        for (int f = 0; f < FOLDS; f++) {
            FirewallEngine engine = new FirewallEngine(LogisticTrainer.train(without(examples, rows, f), point));
            CompiledPolicy policy = engine.compile(FirewallEvaluation.evaluationPolicy(null));
            for (DevSet.Row r : rows) {
                if (r.fold(FOLDS) == f) {
                    combined.add(INJECTION.group(r), attack(r), FirewallEvaluation.detected(engine, policy,
                            INJECTION.categories(), r.text()), true);
                    rulesOnly.add(INJECTION.group(r), attack(r), FirewallEvaluation.detectedByRules(engine, policy,
                            INJECTION.categories(), r.text()), true);
                }
            }
        }
        InjectionClassifier finalModel = LogisticTrainer.train(examples, point);
        Tally resubstitution = new Tally();
        for (DevSet.Row r : rows) {
            resubstitution.add(INJECTION.group(r), attack(r),
                    finalModel.probability(NormalizedText.of(r.text()).folded()) >= 0.5, true);
        }
        Tally.header();
        rulesOnly.print("rules only (same rows)", "ALL");
        modelOnly.print("CV model only", "ALL");
        combined.print("CV rules + model", "ALL");
        resubstitution.print("TRAIN model (resubst.)", "ALL");
        if (Arrays.asList(args).contains("--write")) {
            try (OutputStream out = Files.newOutputStream(RESOURCE)) {
                finalModel.write(out);
            }
            System.out.println("wrote " + RESOURCE);
        }
    }

    /**
     * Rows of the personal-data and secrets files carry no attack; as benign examples they teach the model that code,
     * logs, keys and documents are not injections, which the injection file alone (mostly prose) does not.
     */
    private static DevSet.Row asBenign(DevSet.Row r, String file) {
        ObjectNode json = r.json().deepCopy();
        json.put("category", BORROWED + file);
        json.remove("language");
        return new DevSet.Row(r.id(), r.text(), "benign", json);
    }

    private static boolean attack(DevSet.Row r) {
        return INJECTION.positiveLabel().equals(r.label());
    }

    private static List<LogisticTrainer.Example> without(List<LogisticTrainer.Example> all, List<DevSet.Row> rows,
                                                          int fold) {
        List<LogisticTrainer.Example> kept = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (rows.get(i).fold(FOLDS) != fold) {
                kept.add(all.get(i));
            }
        }
        return kept;
    }

    /**
     * The lowest probability at which at most {@link #TARGET_FP} of the benign <em>prompts</em> score at or above it.
     * The rows borrowed from the other files are left out here: they are easy, and counting them would spend the
     * false-positive budget on the prompts that matter.
     */
    private static double operatingPoint(List<DevSet.Row> rows, double[] oof) {
        double[] benign = new double[rows.size()];
        int n = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (!attack(rows.get(i)) && !rows.get(i).field("category").startsWith(BORROWED)) {
                benign[n++] = oof[i];
            }
        }
        double[] sorted = Arrays.copyOf(benign, n);
        Arrays.sort(sorted);
        int allowed = (int) Math.floor(TARGET_FP * n);
        double above = sorted[n - 1 - allowed];
        return Math.min(0.99, Math.nextUp(above));
    }
}
