package io.sigmacode.firewall.learned;

import io.sigmacode.firewall.text.ScanInput;
import io.sigmacode.firewall.text.Scanner;
import io.sigmacode.kernel.firewall.Finding;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static io.sigmacode.kernel.firewall.FirewallPolicyDocument.PROMPT_INJECTION;

/**
 * A logistic regression over {@link HashedNgrams} that scores the text as a whole for injection or jailbreak intent.
 * It catches what the cue rules miss because nobody wrote a rule for the wording; the rules stay, since they are exact
 * and explain themselves. The bias is shifted at training time so that probability 0.5 is the operating point chosen
 * by cross-validation, which lets the policy threshold of 0.5 apply unchanged.
 */
public final class InjectionClassifier implements Scanner {

    public static final String ID = "injection.learned@1";
    static final String RESOURCE = "injection-model.bin.gz";
    private static final int FORMAT = 1;
    /** Below this the finding would be noise in every policy; keeps findings lists short. */
    private static final double REPORT_FLOOR = 0.2;

    private final float[] weights;
    private final float bias;

    InjectionClassifier(float[] weights, float bias) {
        this.weights = weights;
        this.bias = bias;
    }

    /** The model trained by {@code TrainInjectionClassifier} and shipped in this module's resources. */
    public static InjectionClassifier bundled() {
        try (InputStream in = InjectionClassifier.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a model in the format {@link #write(OutputStream)} produces: sparse (index, weight) pairs, gzipped. */
    public static InjectionClassifier read(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw));
        if (in.readInt() != FORMAT || in.readInt() != HashedNgrams.BITS) {
            throw new IOException("unsupported model format");
        }
        float bias = in.readFloat();
        int nonZero = in.readInt();
        float[] weights = new float[HashedNgrams.SIZE];
        for (int i = 0; i < nonZero; i++) {
            int index = in.readInt();
            weights[index] = in.readFloat();
        }
        return new InjectionClassifier(weights, bias);
    }

    void write(OutputStream raw) throws IOException {
        GZIPOutputStream zip = new GZIPOutputStream(raw);
        DataOutputStream out = new DataOutputStream(zip);
        out.writeInt(FORMAT);
        out.writeInt(HashedNgrams.BITS);
        out.writeFloat(bias);
        int nonZero = 0;
        for (float w : weights) {
            nonZero += w != 0f ? 1 : 0;
        }
        out.writeInt(nonZero);
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] != 0f) {
                out.writeInt(i);
                out.writeFloat(weights[i]);
            }
        }
        out.flush();
        zip.finish();
    }

    @Override
    public String id() {
        return ID;
    }

    /** Probability-like score in 0..1 that the folded text is an attack; 0.5 is the calibrated operating point. */
    public double probability(String folded) {
        Dot dot = new Dot(weights);
        int n = HashedNgrams.extract(folded, dot);
        if (n == 0) {
            return 0.0;
        }
        double z = bias + dot.sum / Math.sqrt(n);
        return 1.0 / (1.0 + Math.exp(-z));
    }

    @Override
    public void scan(ScanInput input, List<Finding> out) {
        double p = probability(input.normalized().folded());
        if (p >= REPORT_FLOOR) {
            double score = Math.round(p * 1000.0) / 1000.0;
            out.add(new Finding(PROMPT_INJECTION, "learned_classifier", ID, 0, input.text().length(), score, null));
        }
    }

    private static final class Dot implements HashedNgrams.Sink {
        private final float[] weights;
        private double sum;

        Dot(float[] weights) {
            this.weights = weights;
        }

        @Override
        public void accept(int index) {
            sum += weights[index];
        }
    }
}
