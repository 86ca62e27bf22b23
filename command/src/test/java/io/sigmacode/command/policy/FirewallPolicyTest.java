package io.sigmacode.command.policy;

import io.sigmacode.firewall.FirewallEngine;
import io.sigmacode.kernel.error.CommandRefusedException;
import io.sigmacode.kernel.firewall.CustomRules;
import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.firewall.RegexRule;
import io.sigmacode.kernel.firewall.Verdict;
import io.sigmacode.kernel.policy.FirewallPolicyCreatedEvent;
import io.sigmacode.kernel.policy.FirewallPolicyPublishedEvent;
import io.sigmacode.kernel.policy.PublishFirewallPolicyCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

class FirewallPolicyTest {

    private static FirewallEngine engine;

    private final FirewallPolicyDocument defaults = FirewallPolicyDocument.platformDefault();
    private FixtureConfiguration<FirewallPolicy> fixture;

    @BeforeAll
    static void buildEngine() {
        engine = new FirewallEngine();
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FirewallPolicy.class);
        fixture.registerInjectableResource(engine);
    }

    private FirewallPolicyDocument version(int version, FirewallPolicyDocument doc) {
        return new FirewallPolicyDocument(version, doc.actions(), doc.customRules(), doc.maskAndRestore(),
                doc.limits());
    }

    private FirewallPolicyDocument withRegex(String pattern) {
        return new FirewallPolicyDocument(99, defaults.actions(),
                new CustomRules(List.of(), List.of(new RegexRule("order-id", pattern, Verdict.BLOCK)), List.of()),
                defaults.maskAndRestore(), defaults.limits());
    }

    @Test
    void firstPublicationIsVersionOneWhateverTheDocumentSays() {
        fixture.given(new FirewallPolicyCreatedEvent("ten-1"))
                .when(new PublishFirewallPolicyCommand("ten-1", version(42, defaults)))
                .expectEvents(new FirewallPolicyPublishedEvent("ten-1", 1, version(1, defaults)));
    }

    @Test
    void laterPublicationsCountUp() {
        fixture.given(new FirewallPolicyCreatedEvent("ten-1"),
                        new FirewallPolicyPublishedEvent("ten-1", 1, version(1, defaults)))
                .when(new PublishFirewallPolicyCommand("ten-1", withRegex("ORD-[0-9]{6}")))
                .expectEvents(new FirewallPolicyPublishedEvent("ten-1", 2, version(2, withRegex("ORD-[0-9]{6}"))));
    }

    @Test
    void invalidRegexIsRefusedAndTheVersionInForceStays() {
        fixture.given(new FirewallPolicyCreatedEvent("ten-1"),
                        new FirewallPolicyPublishedEvent("ten-1", 1, version(1, defaults)))
                .when(new PublishFirewallPolicyCommand("ten-1", withRegex("ORD-[0-9")))
                .expectNoEvents()
                .expectException(CommandRefusedException.class);
    }

    @Test
    void missingDocumentIsRefused() {
        fixture.given(new FirewallPolicyCreatedEvent("ten-1"))
                .when(new PublishFirewallPolicyCommand("ten-1", null))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("a policy document is required");
    }
}
