package io.sigmacode.gateway.pricing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.account.CorrectDebitsCommand;
import io.sigmacode.kernel.account.DebitToCorrect;
import io.sigmacode.kernel.pricing.Charge;
import io.sigmacode.kernel.pricing.CorrectPriceBookVersionCommand;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * Corrects a mistaken price book version: the price book records the correction (from then on a call started under
 * the mistaken version settles at the correcting one's prices), then every account with debits of the mistaken
 * version is sent its debits to re-price, one account at a time. The debits come from the {@code reconciliation}
 * projection, so the sweep first waits until it has applied every event stored before the correction; when it cannot
 * catch up in time the answer is 503 and nothing is swept, and the same request repeated later finishes the job.
 * A repeat never corrects twice: the sweep skips corrected debits and the account corrects a version once.
 */
@Component
public class PriceCorrections {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String PROJECTION = "reconciliation";
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    /** {@code outcome}: {@code corrected}, or {@code duplicate} when the version was corrected before. */
    public record Correction(int mistakenVersion, int correctingVersion, String outcome, long accounts,
                             long debitsCorrected) {
    }

    private final Bus bus;
    private final JdbcTemplate jdbc;

    PriceCorrections(Bus bus, JdbcTemplate jdbc) {
        this.bus = bus;
        this.jdbc = jdbc;
    }

    public Mono<Correction> correct(int mistaken, int correcting, String reason) {
        return bus.<String>send(new CorrectPriceBookVersionCommand(mistaken, correcting, reason))
                .flatMap(outcome -> caughtUp()
                        .thenMany(Flux.defer(() -> Flux.fromIterable(accounts(mistaken))))
                        .concatMap(account -> Mono.fromCallable(() -> debits(account, mistaken))
                                .subscribeOn(Schedulers.boundedElastic())
                                .flatMap(debits -> bus.<Integer>send(new CorrectDebitsCommand(account, mistaken,
                                        correcting, debits))))
                        .reduceWith(() -> new long[2], (sums, corrected) -> {
                            sums[0]++;
                            sums[1] += corrected;
                            return sums;
                        })
                        .map(sums -> new Correction(mistaken, correcting, outcome, sums[0], sums[1])));
    }

    /** Polls until the projection's slowest segment has passed the newest event stored now. */
    private Mono<Void> caughtUp() {
        return Mono.fromCallable(() -> jdbc.queryForObject("SELECT COALESCE(MAX(global_index), -1) FROM "
                        + "domain_event_entry", Long.class))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(head -> Mono.fromCallable(() -> applied() >= head)
                        .subscribeOn(Schedulers.boundedElastic())
                        .filter(Boolean::booleanValue)
                        .repeatWhenEmpty(attempts -> attempts.delayElements(POLL))
                        .timeout(PATIENCE, Mono.error(() -> new ResponseStatusException(
                                HttpStatus.SERVICE_UNAVAILABLE, "The correction is recorded, but the reconciliation "
                                + "projection is behind, so its debits were not re-priced yet: repeat the request "
                                + "later to finish it."))))
                .then();
    }

    /** The lowest position of the projection's segments; -1 while one of them has no plain token yet. */
    private long applied() {
        return jdbc.queryForObject("""
                SELECT CASE WHEN COUNT(*) = 0 OR BOOL_OR(token IS NULL OR token_type NOT LIKE '%GapAwareTrackingToken')
                    THEN -1 ELSE MIN((convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint) END
                FROM token_entry WHERE processor_name = ?""", Long.class, PROJECTION);
    }

    private List<String> accounts(int mistaken) {
        return jdbc.queryForList("""
                SELECT DISTINCT account_id FROM priced_debit
                WHERE price_book_version = ? AND corrected_at IS NULL ORDER BY account_id""", String.class, mistaken);
    }

    private List<DebitToCorrect> debits(String account, int mistaken) {
        return jdbc.query("""
                        SELECT call_id, endpoint, app_id, charge::text FROM priced_debit
                        WHERE account_id = ? AND price_book_version = ? AND corrected_at IS NULL ORDER BY call_id""",
                (rs, n) -> new DebitToCorrect(rs.getString(1), rs.getString(2), rs.getString(3),
                        charge(rs.getString(4))), account, mistaken);
    }

    private static Charge charge(String json) {
        try {
            return JSON.readValue(json, Charge.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
