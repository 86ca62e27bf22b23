package io.sigmacode.kernel.account;

/**
 * The corrections of one mistaken price book version in a statement: how many debits it re-priced, what they were
 * originally charged, what the correcting version charges, and {@code tokens} = original − corrected, the amount the
 * balance changed by.
 */
public record StatementCorrection(int mistakenVersion, int correctingVersion, long debits, long originalTokens,
                                  long correctedTokens, long tokens) {
}
