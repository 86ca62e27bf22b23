package io.sigmacode.kernel.billing;

public enum DisputeStatus {
    OPEN, WON, LOST
}
