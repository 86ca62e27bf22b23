package io.sigmacode.gateway.management;

import io.sigmacode.kernel.account.LedgerEntry;

/** RFC 4180 CSV of a ledger; every field is a number, an instant, a fixed word or an id, so none needs quoting. */
final class LedgerCsv {

    static final String HEADER = "occurred_at,kind,reference,tokens,balance\r\n";

    private LedgerCsv() {
    }

    static String row(LedgerEntry entry) {
        return entry.occurredAt() + "," + entry.kind() + "," + entry.reference() + "," + entry.tokens() + ","
                + entry.balance() + "\r\n";
    }
}
