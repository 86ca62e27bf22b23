package io.sigmacode.firewall.text;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The time budget is checked at every candidate inside a rule, not only between rules (issue 11, item 9). */
class WindowsBudgetTest {

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private static Windows whole(String text) {
        Windows windows = new Windows(text.length());
        windows.add(0, text.length());
        return windows;
    }

    @Test
    void aSpentBudgetStopsARuleBeforeItsNextCandidate() {
        String text = "+1 415 555 2671, ".repeat(1_000);
        ScanInput spent = new ScanInput(text, System.nanoTime() - 1);
        AtomicInteger examined = new AtomicInteger();

        assertThatThrownBy(() -> whole(text).forEachMatch(DIGITS, text, spent, m -> examined.incrementAndGet()))
                .isInstanceOf(TimeBudgetExceededException.class);
        assertThat(examined).hasValue(0);
    }

    @Test
    void withinTheBudgetEveryCandidateIsExamined() {
        String text = "12 34 56";
        ScanInput ample = new ScanInput(text, System.nanoTime() + 60_000_000_000L);
        AtomicInteger examined = new AtomicInteger();

        whole(text).forEachMatch(DIGITS, text, ample, m -> examined.incrementAndGet());

        assertThat(examined).hasValue(3);
    }
}
