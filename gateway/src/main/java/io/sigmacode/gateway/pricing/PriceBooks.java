package io.sigmacode.gateway.pricing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sigmacode.command.pricing.PriceBook;
import io.sigmacode.command.pricing.PriceBookVersions;
import io.sigmacode.command.pricing.PublishedPriceBooks;
import io.sigmacode.gateway.support.AfterCommit;
import io.sigmacode.kernel.pricing.PriceBookDocument;
import io.sigmacode.kernel.pricing.PriceBookPublishedEvent;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The price book version in force on this node, and every published version by number: a Checkout session is
 * credited by the version it was sold under, a call settled by the version it started under. A publication on this
 * node is in force once its transaction has committed; other nodes take it on their next refresh, within
 * {@link #REFRESH_EVERY}. Any published version can be read on any node at once: its row is written in the
 * publishing transaction. The account receives this as its {@link PublishedPriceBooks} handler parameter.
 */
@Component
@ProcessingGroup("price-book-cache")
public class PriceBooks implements PublishedPriceBooks {

    static final Duration REFRESH_EVERY = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(PriceBooks.class);
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    /** The version in force and its prices, swapped together. */
    public record InForce(PriceBookDocument document, PriceBook prices) {
        static InForce of(PriceBookDocument document) {
            return new InForce(document, PriceBookVersions.prices(document));
        }
    }

    private final JdbcTemplate jdbc;
    private final InForce initial = InForce.of(PriceBookVersions.initialDocument());
    private final AtomicReference<InForce> current = new AtomicReference<>(initial);
    private final Map<Integer, PriceBookDocument> versions = new ConcurrentHashMap<>();
    private final Map<Integer, PriceBook> prices = new ConcurrentHashMap<>();
    private final Disposable refreshes;

    /** Reads the version in force before the first call is priced: a restarted node must not fall back to 1. */
    PriceBooks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        versions.put(initial.document().version(), initial.document());
        refresh();
        refreshes = Flux.interval(REFRESH_EVERY, REFRESH_EVERY, Schedulers.boundedElastic())
                // a round slower than the interval skips ticks instead of ending the loop
                .onBackpressureDrop()
                .concatMap(tick -> Mono.fromRunnable(this::refresh)
                        .doOnError(e -> LOG.warn("price book refresh failed: {}", e.toString()))
                        .onErrorComplete())
                .subscribe();
    }

    public InForce current() {
        return current.get();
    }

    @Override
    public PriceBook inForce() {
        return current().prices();
    }

    /**
     * Asked only when a call settles under a version no longer in force, which is rare, so the answer is read from
     * the database every time: a correction made on another node counts at once.
     */
    @Override
    public int pricingVersion(int version) {
        if (current().document().version() == version) {
            return version;
        }
        return jdbc.queryForList("SELECT correcting_version FROM price_book_correction WHERE mistaken_version = ?",
                Integer.class, version).stream().findFirst().orElse(version);
    }

    @Override
    public PriceBook prices(int version) {
        InForce now = current();
        if (now.document().version() == version) {
            return now.prices();
        }
        return prices.computeIfAbsent(version, number -> version(number).map(PriceBookVersions::prices)
                .orElseThrow(() -> new IllegalArgumentException("price book version " + number
                        + " was never published")));
    }

    /** @return the published version with this number; empty when there is none */
    public Optional<PriceBookDocument> version(int version) {
        PriceBookDocument known = versions.get(version);
        if (known != null) {
            return Optional.of(known);
        }
        var found = jdbc.queryForList("SELECT document::text FROM price_book_version WHERE version = ?",
                String.class, version);
        return found.stream().findFirst().map(PriceBooks::read).map(document -> {
            versions.put(version, document);
            return document;
        });
    }

    /** Runs in the publishing command's transaction; the version is in force here only once that has committed. */
    @EventHandler
    void on(PriceBookPublishedEvent event) {
        AfterCommit.run(() -> adopt(event.document()));
    }

    private void refresh() {
        jdbc.queryForList("SELECT document::text FROM price_book_version ORDER BY version DESC LIMIT 1",
                String.class).stream().findFirst().map(PriceBooks::read).ifPresent(this::adopt);
    }

    private void adopt(PriceBookDocument document) {
        versions.put(document.version(), document);
        current.accumulateAndGet(InForce.of(document),
                (held, offered) -> offered.document().version() > held.document().version() ? offered : held);
    }

    private static PriceBookDocument read(String json) {
        try {
            return JSON.readValue(json, PriceBookDocument.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PreDestroy
    void stop() {
        refreshes.dispose();
    }
}
