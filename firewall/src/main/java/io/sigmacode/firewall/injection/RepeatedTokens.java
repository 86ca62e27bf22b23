package io.sigmacode.firewall.injection;

/** Long runs of one repeated token are used to push instructions out of a model's attention window. */
final class RepeatedTokens {

    private RepeatedTokens() {
    }

    /** Start and end (folded positions) of the first run of at least {@code min} identical tokens, or null. */
    static int[] longestRun(String folded, int min) {
        int n = folded.length();
        int prevStart = -1;
        int prevEnd = -1;
        int runStart = -1;
        int count = 0;
        int i = 0;
        while (i < n) {
            while (i < n && folded.charAt(i) == ' ') {
                i++;
            }
            int s = i;
            while (i < n && folded.charAt(i) != ' ') {
                i++;
            }
            if (s == i) {
                break;
            }
            if (prevStart >= 0 && i - s == prevEnd - prevStart && folded.regionMatches(s, folded, prevStart, i - s)) {
                count++;
                if (count >= min) {
                    return new int[] {runStart, i};
                }
            } else {
                runStart = s;
                count = 1;
            }
            prevStart = s;
            prevEnd = i;
        }
        return null;
    }
}
