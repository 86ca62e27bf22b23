package io.sigmacode.firewall.learned;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Fits {@link InjectionClassifier} weights: logistic loss, AdaGrad steps, L2 on the weights an example touches, classes
 * weighted to balance. Single-threaded with a seeded shuffle, so the same rows give bit-identical weights.
 */
final class LogisticTrainer {

    static final long SEED = 20261202L;
    private static final int EPOCHS = 12;
    private static final double RATE = 0.4;
    private static final double L2 = 1e-3;

    /** One training text as sparse features: distinct indices and their counts scaled by 1/sqrt(total). */
    record Example(int[] index, float[] value, boolean attack) {

        static Example of(String folded, boolean attack) {
            List<Integer> raw = new ArrayList<>();
            int n = HashedNgrams.extract(folded, raw::add);
            int[] all = raw.stream().mapToInt(Integer::intValue).sorted().toArray();
            int distinct = 0;
            for (int i = 0; i < all.length; i++) {
                distinct += i == 0 || all[i] != all[i - 1] ? 1 : 0;
            }
            int[] index = new int[distinct];
            float[] value = new float[distinct];
            double scale = n == 0 ? 0 : 1.0 / Math.sqrt(n);
            int k = -1;
            for (int i = 0; i < all.length; i++) {
                if (i == 0 || all[i] != all[i - 1]) {
                    index[++k] = all[i];
                }
                value[k] += (float) scale;
            }
            return new Example(index, value, attack);
        }
    }

    private LogisticTrainer() {
    }

    /** Trains on {@code examples}; {@code operatingPoint} is the probability that becomes 0.5 in the shipped model. */
    static InjectionClassifier train(List<Example> examples, double operatingPoint) {
        double[] w = new double[HashedNgrams.SIZE];
        double[] g2 = new double[HashedNgrams.SIZE];
        double b = 0;
        double b2 = 0;
        long attacks = examples.stream().filter(Example::attack).count();
        double wPos = examples.size() / (2.0 * Math.max(1, attacks));
        double wNeg = examples.size() / (2.0 * Math.max(1, examples.size() - attacks));
        Integer[] order = new Integer[examples.size()];
        Arrays.setAll(order, i -> i);
        Random random = new Random(SEED);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            shuffle(order, random);
            for (int o : order) {
                Example e = examples.get(o);
                double z = b;
                for (int i = 0; i < e.index.length; i++) {
                    z += w[e.index[i]] * e.value[i];
                }
                double p = 1.0 / (1.0 + Math.exp(-z));
                double err = (p - (e.attack ? 1 : 0)) * (e.attack ? wPos : wNeg);
                for (int i = 0; i < e.index.length; i++) {
                    int j = e.index[i];
                    double g = err * e.value[i] + L2 * w[j];
                    g2[j] += g * g;
                    w[j] -= RATE * g / Math.sqrt(g2[j] + 1e-8);
                }
                b2 += err * err;
                b -= RATE * err / Math.sqrt(b2 + 1e-8);
            }
        }
        float[] weights = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            weights[i] = (float) w[i];
        }
        double shift = Math.log(operatingPoint / (1 - operatingPoint));
        return new InjectionClassifier(weights, (float) (b - shift));
    }

    private static void shuffle(Integer[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
