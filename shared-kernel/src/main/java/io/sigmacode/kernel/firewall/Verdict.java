package io.sigmacode.kernel.firewall;

/** Outcome of a scan; declared in ascending severity so the strongest verdict wins by ordinal. */
public enum Verdict { ALLOW, FLAG, REDACT, BLOCK }
