package io.sigmacode.kernel.firewall;

/** Where in a call a scan runs: on what goes to the model, or on what comes back. */
public enum Stage { PRE, POST }
