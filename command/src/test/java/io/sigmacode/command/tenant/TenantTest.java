package io.sigmacode.command.tenant;

import io.sigmacode.kernel.error.CommandRefusedException;
import io.sigmacode.kernel.tenant.ApiKeyIssuedEvent;
import io.sigmacode.kernel.tenant.ApiKeyRevokedEvent;
import io.sigmacode.kernel.tenant.ApiKeyRotatedEvent;
import io.sigmacode.kernel.tenant.AppCanariesSetEvent;
import io.sigmacode.kernel.tenant.AppMode;
import io.sigmacode.kernel.tenant.AppRegisteredEvent;
import io.sigmacode.kernel.tenant.IssueApiKeyCommand;
import io.sigmacode.kernel.tenant.RegisterAppCommand;
import io.sigmacode.kernel.tenant.RevokeApiKeyCommand;
import io.sigmacode.kernel.tenant.RotateApiKeyCommand;
import io.sigmacode.kernel.tenant.Role;
import io.sigmacode.kernel.tenant.SetAppCanariesCommand;
import io.sigmacode.kernel.tenant.TenantCreatedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

class TenantTest {

    private final TenantCreatedEvent created = new TenantCreatedEvent("ten-1", "acc-1", "Acme");
    private final AppRegisteredEvent appRegistered =
            new AppRegisteredEvent("ten-1", "app-1", "Support bot", AppMode.CHAT, "sealed");
    private final ApiKeyIssuedEvent keyIssued = new ApiKeyIssuedEvent("ten-1", "key-1", "ci", "app-1",
            Set.of(Role.DEVELOPER), "hash", "sk-sgc-abcd", null);
    private final Instant now = Instant.parse("2026-12-01T10:00:00Z");

    private FixtureConfiguration<Tenant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tenant.class);
    }

    @Test
    void registeringAnAppRecordsItsSealedKey() {
        fixture.given(created)
                .when(new RegisterAppCommand("ten-1", "app-1", " Support bot ", AppMode.CHAT, "sealed"))
                .expectEvents(appRegistered);
    }

    @Test
    void registeringTheSameAppTwiceIsRefused() {
        fixture.given(created, appRegistered)
                .when(new RegisterAppCommand("ten-1", "app-1", "Again", AppMode.CHAT, "sealed"))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("app app-1 already exists");
    }

    @Test
    void issuingAKeyForAnUnknownAppIsRefused() {
        fixture.given(created)
                .when(new IssueApiKeyCommand("ten-1", "key-1", "ci", "app-9", Set.of(Role.DEVELOPER), "hash",
                        "sk-sgc-abcd", null, now))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("app app-9 not found");
    }

    @Test
    void issuingAKeyKeepsOnlyItsHash() {
        fixture.given(created, appRegistered)
                .when(new IssueApiKeyCommand("ten-1", "key-1", "ci", "app-1", Set.of(Role.DEVELOPER), "hash",
                        "sk-sgc-abcd", null, now))
                .expectEvents(keyIssued);
    }

    @Test
    void aKeyWithoutRolesIsRefused() {
        fixture.given(created, appRegistered)
                .when(new IssueApiKeyCommand("ten-1", "key-1", "ci", "app-1", Set.of(), "hash", "sk-sgc-abcd", null,
                        now))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("a key needs at least one role");
    }

    @Test
    void revokingAKeyRecordsIt() {
        fixture.given(created, appRegistered, keyIssued)
                .when(new RevokeApiKeyCommand("ten-1", "key-1"))
                .expectEvents(new ApiKeyRevokedEvent("ten-1", "key-1"));
    }

    @Test
    void revokingTwiceIsANoOp() {
        fixture.given(created, appRegistered, keyIssued, new ApiKeyRevokedEvent("ten-1", "key-1"))
                .when(new RevokeApiKeyCommand("ten-1", "key-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void revokingAnUnknownKeyIsRefused() {
        fixture.given(created)
                .when(new RevokeApiKeyCommand("ten-1", "key-9"))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("key key-9 not found");
    }

    @Test
    void anExpiryInThePastIsRefused() {
        fixture.given(created, appRegistered)
                .when(new IssueApiKeyCommand("ten-1", "key-1", "ci", "app-1", Set.of(Role.DEVELOPER), "hash",
                        "sk-sgc-abcd", now.minusSeconds(1), now))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("expiresAt must be in the future");
    }

    @Test
    void rotatingIssuesASuccessorWithTheSameRolesAndLimitsTheOldKeyToTheGracePeriod() {
        Instant graceEnd = now.plus(Duration.ofHours(1));
        fixture.given(created, appRegistered, keyIssued)
                .when(new RotateApiKeyCommand("ten-1", "key-1", "key-2", "hash-2", "sgk_new", null, graceEnd, now))
                .expectEvents(new ApiKeyIssuedEvent("ten-1", "key-2", "ci", "app-1", Set.of(Role.DEVELOPER),
                                "hash-2", "sgk_new", null),
                        new ApiKeyRotatedEvent("ten-1", "key-1", "key-2", graceEnd));
    }

    @Test
    void aGracePeriodNeverExtendsAnEarlierExpiry() {
        Instant expiry = now.plus(Duration.ofMinutes(5));
        fixture.given(created, appRegistered, new ApiKeyIssuedEvent("ten-1", "key-1", "ci", "app-1",
                        Set.of(Role.DEVELOPER), "hash", "sk-sgc-abcd", expiry))
                .when(new RotateApiKeyCommand("ten-1", "key-1", "key-2", "hash-2", "sgk_new", null,
                        now.plus(Duration.ofDays(1)), now))
                .expectEvents(new ApiKeyIssuedEvent("ten-1", "key-2", "ci", "app-1", Set.of(Role.DEVELOPER),
                                "hash-2", "sgk_new", null),
                        new ApiKeyRotatedEvent("ten-1", "key-1", "key-2", expiry));
    }

    @Test
    void aRevokedKeyCannotBeRotated() {
        fixture.given(created, appRegistered, keyIssued, new ApiKeyRevokedEvent("ten-1", "key-1"))
                .when(new RotateApiKeyCommand("ten-1", "key-1", "key-2", "hash-2", "sgk_new", null, now, now))
                .expectNoEvents()
                .expectException(CommandRefusedException.class);
    }

    @Test
    void anExpiredKeyCannotBeRotated() {
        fixture.given(created, appRegistered, new ApiKeyIssuedEvent("ten-1", "key-1", "ci", "app-1",
                        Set.of(Role.DEVELOPER), "hash", "sk-sgc-abcd", now))
                .when(new RotateApiKeyCommand("ten-1", "key-1", "key-2", "hash-2", "sgk_new", null, now, now))
                .expectNoEvents()
                .expectException(CommandRefusedException.class);
    }

    @Test
    void settingAnAppsCanariesRecordsThem() {
        fixture.given(created, appRegistered)
                .when(new SetAppCanariesCommand("ten-1", "app-1", List.of("zebra-7Q4k-lantern")))
                .expectEvents(new AppCanariesSetEvent("ten-1", "app-1", List.of("zebra-7Q4k-lantern")));
    }

    @Test
    void aCanaryTooShortToBeSafeIsRefused() {
        fixture.given(created, appRegistered)
                .when(new SetAppCanariesCommand("ten-1", "app-1", List.of("short")))
                .expectNoEvents()
                .expectException(CommandRefusedException.class);
    }

    @Test
    void canariesForAnUnknownAppAreRefused() {
        fixture.given(created)
                .when(new SetAppCanariesCommand("ten-1", "app-9", List.of("zebra-7Q4k-lantern")))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("app app-9 not found");
    }
}
