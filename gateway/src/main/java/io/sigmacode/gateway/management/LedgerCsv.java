package io.sigmacode.gateway.management;

import io.sigmacode.kernel.account.LedgerEntry;
import io.sigmacode.kernel.account.LedgerResponse;

/** RFC 4180 CSV of a ledger; every field is a number, an instant, a fixed word or an id, so none needs quoting. */
final class LedgerCsv {

    private LedgerCsv() {
    }

    static String render(LedgerResponse ledger) {
        StringBuilder csv = new StringBuilder("occurred_at,kind,reference,tokens,balance\r\n");
        for (LedgerEntry entry : ledger.entries()) {
            csv.append(entry.occurredAt()).append(',').append(entry.kind()).append(',').append(entry.reference())
                    .append(',').append(entry.tokens()).append(',').append(entry.balance()).append("\r\n");
        }
        return csv.toString();
    }
}
