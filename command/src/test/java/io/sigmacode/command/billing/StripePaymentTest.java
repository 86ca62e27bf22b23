package io.sigmacode.command.billing;

import io.sigmacode.kernel.account.CreditPurchasedTokensCommand;
import io.sigmacode.kernel.account.HoldTokensCommand;
import io.sigmacode.kernel.account.ReleaseHeldTokensCommand;
import io.sigmacode.kernel.account.RevocationReason;
import io.sigmacode.kernel.account.RevokeTokensCommand;
import io.sigmacode.kernel.billing.CheckoutPaidEvent;
import io.sigmacode.kernel.billing.DisputeClosedEvent;
import io.sigmacode.kernel.billing.DisputeOpenedEvent;
import io.sigmacode.kernel.billing.DisputeStatus;
import io.sigmacode.kernel.billing.PaymentRefundedEvent;
import io.sigmacode.kernel.billing.RecordChargeRefundedCommand;
import io.sigmacode.kernel.billing.RecordCheckoutPaidCommand;
import io.sigmacode.kernel.billing.RecordDisputeCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Exactly-once purchases, refunds and disputes, in any order, and what each posts to the account. */
class StripePaymentTest {

    private static final String PAYMENT = "pi_1";
    private static final String ACCOUNT = "acc-1";
    private static final RecordCheckoutPaidCommand PAID = new RecordCheckoutPaidCommand(PAYMENT, "cs_1", PAYMENT,
            ACCOUNT, "starter", 1, 1_000, 999, "EUR");
    private static final CheckoutPaidEvent PAID_EVENT = new CheckoutPaidEvent(PAYMENT, "cs_1", PAYMENT, ACCOUNT,
            "starter", 1, 1_000, 999, "EUR");
    private static final CreditPurchasedTokensCommand CREDIT = new CreditPurchasedTokensCommand(ACCOUNT, "cs_1",
            PAYMENT, "starter", 1, 1_000, 999, "EUR");

    private final List<Object> posted = new ArrayList<>();
    private boolean accountMissing;
    private FixtureConfiguration<StripePayment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StripePayment.class);
        fixture.registerInjectableResource((AccountPostings) command -> {
            if (accountMissing) {
                throw new IllegalStateException("no such account");
            }
            posted.add(command);
        });
    }

    @Test
    void aPaidSessionCreditsItsPackage() {
        fixture.givenNoPriorActivity()
                .when(PAID)
                .expectEvents(PAID_EVENT)
                .expectResultMessagePayload("credited");
        assertThat(posted).containsExactly(CREDIT);
    }

    @Test
    void aSessionDeliveredAgainCreditsNothing() {
        fixture.given(PAID_EVENT)
                .when(PAID)
                .expectNoEvents()
                .expectResultMessagePayload("duplicate");
        assertThat(posted).isEmpty();
    }

    @Test
    void aRefundRevokesTheRefundedShareRoundedDown() {
        fixture.given(PAID_EVENT)
                .when(new RecordChargeRefundedCommand(PAYMENT, "ch_1", 500, "eur"))
                .expectEvents(new PaymentRefundedEvent(PAYMENT, "ch_1", 500, "eur"));
        // 1,000 × 500 / 999 = 500.5…
        assertThat(posted).containsExactly(new RevokeTokensCommand(ACCOUNT, PAYMENT, 500, RevocationReason.REFUND));
    }

    @Test
    void aSecondRefundRevokesOnlyTheNewShare() {
        fixture.given(PAID_EVENT, new PaymentRefundedEvent(PAYMENT, "ch_1", 500, "eur"))
                .when(new RecordChargeRefundedCommand(PAYMENT, "ch_1", 999, "eur"))
                .expectEvents(new PaymentRefundedEvent(PAYMENT, "ch_1", 999, "eur"));
        assertThat(posted).containsExactly(new RevokeTokensCommand(ACCOUNT, PAYMENT, 500, RevocationReason.REFUND));
    }

    @Test
    void anOlderRefundTotalArrivingLateChangesNothing() {
        fixture.given(PAID_EVENT, new PaymentRefundedEvent(PAYMENT, "ch_1", 999, "eur"))
                .when(new RecordChargeRefundedCommand(PAYMENT, "ch_1", 500, "eur"))
                .expectNoEvents()
                .expectResultMessagePayload("duplicate");
        assertThat(posted).isEmpty();
    }

    @Test
    void aRefundBeforeThePurchaseWaitsForIt() {
        fixture.givenNoPriorActivity()
                .when(new RecordChargeRefundedCommand(PAYMENT, "ch_1", 999, "eur"))
                .expectEvents(new PaymentRefundedEvent(PAYMENT, "ch_1", 999, "eur"))
                .expectResultMessagePayload("pending");
        assertThat(posted).isEmpty();
    }

    @Test
    void aPurchaseAfterItsRefundIsCreditedAndRevokedTogether() {
        fixture.given(new PaymentRefundedEvent(PAYMENT, "ch_1", 999, "eur"))
                .when(PAID)
                .expectEvents(PAID_EVENT);
        assertThat(posted).containsExactly(CREDIT,
                new RevokeTokensCommand(ACCOUNT, PAYMENT, 1_000, RevocationReason.REFUND));
    }

    @Test
    void anOpenDisputeHoldsTheDisputedShare() {
        fixture.given(PAID_EVENT)
                .when(new RecordDisputeCommand(PAYMENT, "dp_1", 999, "eur", DisputeStatus.OPEN))
                .expectEvents(new DisputeOpenedEvent(PAYMENT, "dp_1", 999, "eur"));
        assertThat(posted).containsExactly(new HoldTokensCommand(ACCOUNT, PAYMENT, 1_000));
    }

    @Test
    void aWonDisputeReleasesItsHold() {
        fixture.given(PAID_EVENT, new DisputeOpenedEvent(PAYMENT, "dp_1", 999, "eur"))
                .when(new RecordDisputeCommand(PAYMENT, "dp_1", 999, "eur", DisputeStatus.WON))
                .expectEvents(new DisputeClosedEvent(PAYMENT, "dp_1", 999, "eur", DisputeStatus.WON));
        assertThat(posted).containsExactly(new ReleaseHeldTokensCommand(ACCOUNT, PAYMENT, 1_000));
    }

    @Test
    void aLostDisputeTurnsItsHoldIntoARevocation() {
        fixture.given(PAID_EVENT, new DisputeOpenedEvent(PAYMENT, "dp_1", 999, "eur"))
                .when(new RecordDisputeCommand(PAYMENT, "dp_1", 999, "eur", DisputeStatus.LOST))
                .expectEvents(new DisputeClosedEvent(PAYMENT, "dp_1", 999, "eur", DisputeStatus.LOST));
        assertThat(posted).containsExactly(new ReleaseHeldTokensCommand(ACCOUNT, PAYMENT, 1_000),
                new RevokeTokensCommand(ACCOUNT, PAYMENT, 1_000, RevocationReason.DISPUTE_LOST));
    }

    @Test
    void anOpeningAfterTheClosingChangesNothing() {
        fixture.given(PAID_EVENT, new DisputeClosedEvent(PAYMENT, "dp_1", 999, "eur", DisputeStatus.LOST))
                .when(new RecordDisputeCommand(PAYMENT, "dp_1", 999, "eur", DisputeStatus.OPEN))
                .expectNoEvents()
                .expectResultMessagePayload("duplicate");
        assertThat(posted).isEmpty();
    }

    @Test
    void refundsAndLostDisputesNeverTakeBackMoreThanWasBought() {
        fixture.given(PAID_EVENT, new PaymentRefundedEvent(PAYMENT, "ch_1", 999, "eur"))
                .when(new RecordDisputeCommand(PAYMENT, "dp_1", 999, "eur", DisputeStatus.LOST))
                .expectEvents(new DisputeClosedEvent(PAYMENT, "dp_1", 999, "eur", DisputeStatus.LOST));
        assertThat(posted).isEmpty();
    }

    @Test
    void aFailingAccountFailsThePaymentToo() {
        accountMissing = true;
        fixture.givenNoPriorActivity()
                .when(PAID)
                .expectException(IllegalStateException.class);
    }
}
