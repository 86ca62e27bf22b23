package io.sigmacode.kernel.call;

public enum UsageGrouping {
    DAY, ENDPOINT, APP
}
