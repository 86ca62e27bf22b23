package io.sigmacode.firewall;

import io.sigmacode.kernel.firewall.Finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replaces spans with typed, numbered placeholders such as {@code [EMAIL_1]}. The same value gets the same placeholder
 * within one text, so the model can still tell that two mentions are one person.
 */
final class Redactor {

    private Redactor() {
    }

    /** Returns the rewritten text; {@code originals} (if not null) receives placeholder to original value. */
    static String replace(String text, List<Finding> spans, Map<String, String> originals) {
        List<Finding> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(Finding::start).thenComparingInt(f -> -f.end()));
        Map<String, Integer> counters = new HashMap<>();
        Map<String, String> byValue = new HashMap<>();
        StringBuilder out = new StringBuilder(text.length());
        int pos = 0;
        for (Finding f : sorted) {
            if (f.start() < pos || f.end() <= f.start() || f.end() > text.length()) {
                continue;
            }
            String value = text.substring(f.start(), f.end());
            String type = f.kind().toUpperCase(Locale.ROOT);
            String placeholder = byValue.computeIfAbsent(type + '\u0000' + value,
                    k -> "[" + type + "_" + counters.merge(type, 1, Integer::sum) + "]");
            out.append(text, pos, f.start()).append(placeholder);
            if (originals != null) {
                originals.put(placeholder, value);
            }
            pos = f.end();
        }
        out.append(text, pos, text.length());
        return out.toString();
    }
}
