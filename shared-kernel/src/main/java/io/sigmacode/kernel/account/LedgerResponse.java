package io.sigmacode.kernel.account;

import java.util.List;

public record LedgerResponse(String accountId, List<LedgerEntry> entries) {
    public LedgerResponse {
        entries = List.copyOf(entries);
    }
}
