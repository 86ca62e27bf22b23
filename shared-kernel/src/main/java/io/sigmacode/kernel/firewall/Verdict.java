package io.sigmacode.kernel.firewall;

/** Ascending severity: the verdict of a scan is the most severe action any finding asks for. */
public enum Verdict {
    ALLOW, FLAG, REDACT, BLOCK
}
