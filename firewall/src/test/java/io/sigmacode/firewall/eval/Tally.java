package io.sigmacode.firewall.eval;

import java.util.Map;
import java.util.TreeMap;

/** Recall and false-positive counts, overall and per group, printed as one table block. */
public final class Tally {

    private final int[] total = new int[4];
    private final int[] every = new int[4];
    private final Map<String, int[]> groups = new TreeMap<>();

    /** {@code headline} false keeps a row out of the overall line (PII rows with names/addresses only). */
    public void add(String group, boolean positive, boolean detected, boolean headline) {
        count(groups.computeIfAbsent((positive ? "+ " : "- ") + group, k -> new int[4]), positive, detected);
        if (headline) {
            count(total, positive, detected);
        }
        count(every, positive, detected);
    }

    public static void header() {
        System.out.printf("%-26s %-50s %5s %5s %7s %5s %5s %7s%n",
                "file", "group", "pos", "hit", "recall", "neg", "fp", "fp-rate");
    }

    public void print(String title, String overall) {
        line(title, overall, total);
        if (every[0] != total[0]) {
            line("", "ALL (every positive row)", every);
        }
        groups.forEach((g, c) -> line("", g, c));
    }

    private static void count(int[] c, boolean positive, boolean detected) {
        c[positive ? 0 : 2]++;
        c[positive ? 1 : 3] += detected ? 1 : 0;
    }

    private static void line(String file, String group, int[] c) {
        String recall = c[0] == 0 ? "-" : String.format("%.1f%%", 100.0 * c[1] / c[0]);
        String fp = c[2] == 0 ? "-" : String.format("%.1f%%", 100.0 * c[3] / c[2]);
        System.out.printf("%-26s %-50s %5d %5d %7s %5d %5d %7s%n", file, group, c[0], c[1], recall, c[2], c[3], fp);
    }
}
