package io.sigmacode.gateway.pricing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sigmacode.command.pricing.PriceBook;
import io.sigmacode.command.pricing.PriceBookVersions;
import io.sigmacode.gateway.support.AfterCommit;
import io.sigmacode.kernel.call.SettleCallCommand;
import io.sigmacode.kernel.call.StartCallCommand;
import io.sigmacode.kernel.pricing.PriceBookDocument;
import io.sigmacode.kernel.pricing.PriceBookPublishedEvent;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The price book version in force on this node, and every published version by number (a Checkout session is
 * credited by the version it was sold under). A publication on this node is in force once its transaction has
 * committed; other nodes take it on their next refresh, within {@link #REFRESH_EVERY}.
 */
@Component
@ProcessingGroup("price-book-cache")
public class PriceBooks {

    static final Duration REFRESH_EVERY = Duration.ofSeconds(5);
    /** Far more calls than one node carries at once; the oldest are forgotten first. */
    static final int REMEMBERED_CALLS = 100_000;
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
    /** The version each call started under on this node, so its settlement is priced by the same one. */
    private final Map<String, Integer> callVersions = Collections.synchronizedMap(
            new LinkedHashMap<>(1_024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                    return size() > REMEMBERED_CALLS;
                }
            });
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

    /**
     * The prices for the command being handled: a call's start is priced by the version in force and remembers it;
     * its settlement is priced by the version it started under, even if another was published since. A call this
     * node did not start (recovered from a node that died, or started before a restart) is settled by the version
     * in force.
     */
    public PriceBook pricesForCurrentCommand() {
        InForce now = current();
        if (!CurrentUnitOfWork.isStarted()) {
            return now.prices();
        }
        Object command = CurrentUnitOfWork.get().getMessage().getPayload();
        if (command instanceof StartCallCommand start) {
            callVersions.put(start.callId(), now.document().version());
        } else if (command instanceof SettleCallCommand settle) {
            Integer started = callVersions.get(settle.callId());
            if (started != null && started != now.document().version()) {
                return version(started).map(PriceBookVersions::prices).orElse(now.prices());
            }
        }
        return now.prices();
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
