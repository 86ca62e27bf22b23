package io.sigmacode.gateway.proxy.streaming;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sigmacode.firewall.Canaries;
import io.sigmacode.firewall.FirewallEngine;
import io.sigmacode.gateway.firewall.ProxyFirewall;
import io.sigmacode.kernel.firewall.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerGuardTest {

    private static ProxyFirewall firewall;

    @BeforeAll
    static void firewall() {
        firewall = new ProxyFirewall(new FirewallEngine(), null, new SimpleMeterRegistry());
    }

    private static AnswerGuard guard() {
        return new AnswerGuard(firewall, firewall.policy(null).block(), null, Canaries.NONE);
    }

    private static List<String> words(String text) {
        return List.of(text.split("(?= )"));
    }

    @Test
    void aLongBenignAnswerIsReleasedWhileItStreamsAndArrivesWhole() {
        String text = "The quick brown fox jumps over the lazy dog. ".repeat(10);
        AnswerGuard guard = guard();
        StringBuilder out = new StringBuilder();

        for (String chunk : words(text)) {
            out.append(guard.accept(chunk));
        }
        int releasedBeforeEnd = out.length();
        out.append(guard.finish());

        assertThat(releasedBeforeEnd).isGreaterThan(text.length() - AnswerGuard.HOLD_BACK - 10);
        assertThat(out).hasToString(text);
        assertThat(guard.verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void noPartOfACardSplitAcrossChunksLeavesBeforeItIsRedacted() {
        String text = "Your card 4539 1488 0343 6467 is on file. " + "Thanks for waiting. ".repeat(8);
        AnswerGuard guard = guard();
        StringBuilder out = new StringBuilder();

        for (String chunk : words(text)) {
            String released = guard.accept(chunk);
            assertThat(released).doesNotContain("4539").doesNotContain("1488");
            out.append(released);
        }
        out.append(guard.finish());

        assertThat(out.toString()).startsWith("Your card [CARD_1] is on file.").doesNotContain("6467");
        assertThat(guard.verdict()).isEqualTo(Verdict.REDACT);
        assertThat(guard.findings()).extracting(f -> f.kind()).contains("card");
    }

    @Test
    void aSecretStopsTheAnswerForGood() {
        AnswerGuard guard = guard();

        assertThat(guard.accept("Here it is: AKIAZ7VRSQ4TVK3MHQ2X ")).isNull();
        assertThat(guard.accept("and more")).isNull();
        assertThat(guard.finish()).isNull();
        assertThat(guard.verdict()).isEqualTo(Verdict.BLOCK);
    }
}
