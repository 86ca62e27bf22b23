package io.sigmacode.command.pricing;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Published versions for fixture tests: the highest is in force; {@link #publish} adds the next. */
public final class FixedPriceBooks implements PublishedPriceBooks {

    private final TreeMap<Integer, PriceBook> versions = new TreeMap<>();
    private final Map<Integer, Integer> corrections = new HashMap<>();

    public FixedPriceBooks(PriceBook... books) {
        for (PriceBook book : books) {
            versions.put(book.version(), book);
        }
    }

    /** Version 1 only. */
    public static FixedPriceBooks initial() {
        return new FixedPriceBooks(PriceBook.initial());
    }

    public void publish(PriceBook book) {
        versions.put(book.version(), book);
    }

    public void correct(int mistaken, int correcting) {
        corrections.put(mistaken, correcting);
    }

    @Override
    public int pricingVersion(int version) {
        return corrections.getOrDefault(version, version);
    }

    @Override
    public PriceBook inForce() {
        return versions.lastEntry().getValue();
    }

    @Override
    public PriceBook prices(int version) {
        PriceBook book = versions.get(version);
        if (book == null) {
            throw new IllegalArgumentException("price book version " + version + " was never published");
        }
        return book;
    }

    public Map<Integer, PriceBook> all() {
        return Map.copyOf(versions);
    }
}
