package io.sigmacode.kernel.firewall;

public enum Stage {
    PRE, POST
}
