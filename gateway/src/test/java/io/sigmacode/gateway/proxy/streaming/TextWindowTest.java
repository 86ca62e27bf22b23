package io.sigmacode.gateway.proxy.streaming;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sigmacode.firewall.Canaries;
import io.sigmacode.firewall.FirewallEngine;
import io.sigmacode.gateway.firewall.ProxyFirewall;
import io.sigmacode.kernel.firewall.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextWindowTest {

    private static ProxyFirewall firewall;

    @BeforeAll
    static void firewall() {
        firewall = new ProxyFirewall(new FirewallEngine(), null, new SimpleMeterRegistry());
    }

    private static AnswerGuard guard() {
        return new AnswerGuard(firewall, firewall.policy(null).block(), Canaries.NONE);
    }

    private static List<String> words(String text) {
        return List.of(text.split("(?= )"));
    }

    /** Offers the pieces one by one; returns what left before the end, then adds what the end released. */
    private static int stream(TextWindow<Integer> window, List<String> pieces, List<TextWindow.Released<Integer>> out) {
        for (int i = 0; i < pieces.size(); i++) {
            window.offer(i, pieces.get(i));
            List<TextWindow.Released<Integer>> released = window.release(false);
            if (released == null) {
                return -1;
            }
            out.addAll(released);
        }
        int beforeEnd = out.size();
        List<TextWindow.Released<Integer>> rest = window.release(true);
        if (rest != null) {
            out.addAll(rest);
        }
        return beforeEnd;
    }

    private static String text(List<TextWindow.Released<Integer>> released) {
        StringBuilder text = new StringBuilder();
        released.forEach(piece -> text.append(piece.text()));
        return text.toString();
    }

    @Test
    void aBenignAnswerLeavesWhileItStreamsEachPieceWholeAndInOrder() {
        List<String> pieces = words("The quick brown fox jumps over the lazy dog. ".repeat(10));
        List<TextWindow.Released<Integer>> out = new ArrayList<>();

        int beforeEnd = stream(guard().window("answer"), pieces, out);

        assertThat(out).extracting(TextWindow.Released::owner)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, pieces.size()).boxed().toList());
        assertThat(out).allSatisfy(piece -> assertThat(piece.text()).isEqualTo(pieces.get(piece.owner())));
        assertThat(text(out).length() - text(out.subList(0, beforeEnd)).length())
                .isLessThanOrEqualTo(2 * TextWindow.HOLD_BACK);
    }

    @Test
    void textWithoutSpacesLeavesInBoundedWindowsNotAtTheEnd() {
        List<String> pieces = List.of("\u4e2d\u6587\u5b57".repeat(400).split("(?<=\\G.)"));
        List<TextWindow.Released<Integer>> out = new ArrayList<>();

        int beforeEnd = stream(guard().window("answer"), pieces, out);

        assertThat(pieces.size() - beforeEnd).isLessThanOrEqualTo(2 * TextWindow.HOLD_BACK);
        assertThat(text(out)).isEqualTo(String.join("", pieces));
    }

    @Test
    void noPartOfACardSplitAcrossPiecesLeavesBeforeItIsRedacted() {
        AnswerGuard guard = guard();
        List<String> pieces = words("Your card 4539 1488 0343 6467 is on file. " + "Thanks for waiting. ".repeat(8));
        List<TextWindow.Released<Integer>> out = new ArrayList<>();

        stream(guard.window("answer"), pieces, out);

        assertThat(text(out)).startsWith("Your card [CARD_1] is on file.").doesNotContain("4539")
                .doesNotContain("1488").doesNotContain("6467");
        assertThat(out).extracting(TextWindow.Released::owner).doesNotHaveDuplicates().hasSize(pieces.size());
        assertThat(guard.verdict()).isEqualTo(Verdict.REDACT);
        assertThat(guard.findings()).extracting(f -> f.kind()).contains("card");
    }

    @Test
    void aSecretStopsTheAnswerForGood() {
        AnswerGuard guard = guard();
        TextWindow<Integer> window = guard.window("answer");

        window.offer(0, "Here it is: AKIAZ7VRSQ4TVK3MHQ2X ");
        window.offer(1, "and more");

        assertThat(window.release(true)).isNull();
        assertThat(guard.checkWhole("anything")).isNull();
        assertThat(guard.verdict()).isEqualTo(Verdict.BLOCK);
    }
}
