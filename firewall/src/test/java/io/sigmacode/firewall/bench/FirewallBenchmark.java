package io.sigmacode.firewall.bench;

import io.sigmacode.firewall.CompiledPolicy;
import io.sigmacode.firewall.FirewallEngine;
import io.sigmacode.firewall.ScanResult;
import io.sigmacode.kernel.firewall.CustomRules;
import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.firewall.PhraseRule;
import io.sigmacode.kernel.firewall.RegexRule;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.TopicRule;
import io.sigmacode.kernel.firewall.Verdict;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Scan latency of the default policy and of a tenant policy with 50 custom rules, on prompts of 256 B, 4 KB and
 * 64 KB, beside a same-run baseline. SampleTime mode so that the report carries p50 and p99, not just a mean.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class FirewallBenchmark {

    private static final String PROSE = "Our quarterly planning meeting moved to Thursday at 10:30 in room 4B. "
            + "Please review the attached roadmap, compare it with last year's numbers (revenue grew 12.5% to 4.2 "
            + "million) and send comments to the project channel. The migration of 37 services to the new cluster "
            + "should finish before the 15th of March; see https://wiki.example.org/migration for the checklist. "
            + "Summarise the open risks in three bullet points and suggest who should own each of them. ";

    @Param({"256", "4096", "65536"})
    public int size;

    private FirewallEngine engine;
    private CompiledPolicy platformDefault;
    private CompiledPolicy tenant50;
    private String prompt;

    @Setup
    public void setUp() {
        engine = new FirewallEngine();
        platformDefault = engine.compile(FirewallPolicyDocument.platformDefault());
        tenant50 = engine.compile(fiftyRules());
        StringBuilder b = new StringBuilder(size + PROSE.length());
        while (b.length() < size) {
            b.append(PROSE);
        }
        prompt = b.substring(0, size);
    }

    /**
     * Same-run reference: one lower-casing pass over the prompt. It does no detection; it shows how fast this machine
     * was during the run, so that scan figures from runs under different load can be compared.
     */
    @Benchmark
    public String baselineLowerCase() {
        return prompt.toLowerCase(Locale.ROOT);
    }

    @Benchmark
    public ScanResult defaultPolicy() {
        return engine.scan(platformDefault, Stage.PRE, prompt);
    }

    @Benchmark
    public ScanResult tenantPolicyWith50CustomRules() {
        return engine.scan(tenant50, Stage.PRE, prompt);
    }

    static FirewallPolicyDocument fiftyRules() {
        List<PhraseRule> phrases = new ArrayList<>();
        List<RegexRule> regexes = new ArrayList<>();
        List<TopicRule> topics = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            phrases.add(new PhraseRule("phrase-" + i, List.of("codename orion " + i, "internal only " + i),
                    Verdict.BLOCK));
            regexes.add(new RegexRule("regex-" + i, "(?i)\\b(?:TICKET|CASE)-" + i + "[0-9]{5}\\b", Verdict.FLAG));
        }
        for (int i = 0; i < 10; i++) {
            topics.add(new TopicRule("topic-" + i, List.of("merger" + i, "acquisition" + i, "layoff" + i, "insider"
                    + i), 2, Verdict.BLOCK));
        }
        FirewallPolicyDocument d = FirewallPolicyDocument.platformDefault();
        return new FirewallPolicyDocument(d.version(), d.actions(), new CustomRules(phrases, regexes, topics), false,
                d.limits());
    }
}
