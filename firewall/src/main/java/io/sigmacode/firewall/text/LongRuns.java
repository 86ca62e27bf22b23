package io.sigmacode.firewall.text;

/**
 * Finds runs of at least {@code min} characters of one ASCII class without reading every character: such a run must
 * cover one of the probe positions spaced {@code min} apart, so prose made of short words costs one read in
 * {@code min}, and only a probe that hits the class is widened to its run.
 */
public final class LongRuns {

    private LongRuns() {
    }

    /**
     * Start of the first run of at least {@code min} members that starts at or after {@code from}, or -1. {@code from}
     * must be 0 or follow a non-member, so that no run is entered in its middle.
     */
    public static int nextStart(String text, int from, boolean[] members, int min) {
        int n = text.length();
        int i = from;
        while (i + min <= n) {
            int probe = i + min - 1;
            if (!member(members, text.charAt(probe))) {
                i = probe + 1;
                continue;
            }
            int s = probe;
            while (s > i && member(members, text.charAt(s - 1))) {
                s--;
            }
            int e = end(text, probe, members);
            if (e - s >= min) {
                return s;
            }
            i = e;
        }
        return -1;
    }

    /** First position at or after {@code from} that is not a member (or the text length). */
    public static int end(String text, int from, boolean[] members) {
        int e = from;
        int n = text.length();
        while (e < n && member(members, text.charAt(e))) {
            e++;
        }
        return e;
    }

    private static boolean member(boolean[] members, char c) {
        return c < members.length && members[c];
    }
}
