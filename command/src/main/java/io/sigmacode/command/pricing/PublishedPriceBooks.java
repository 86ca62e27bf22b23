package io.sigmacode.command.pricing;

/**
 * Every published version of the prices, as a handler parameter of the account: a call is reserved by the version in
 * force and settled by the version it started under, wherever and whenever it is settled.
 */
public interface PublishedPriceBooks {

    /** The version new calls are priced by. */
    PriceBook inForce();

    /**
     * @return the prices of this published version
     * @throws IllegalArgumentException when no such version was published
     */
    PriceBook prices(int version);

    /**
     * @return the version that prices what was started under {@code version}: the version itself, or the version
     *         that corrected it when it was found mistaken
     */
    int pricingVersion(int version);
}
