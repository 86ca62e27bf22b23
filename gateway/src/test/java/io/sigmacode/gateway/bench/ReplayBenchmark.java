package io.sigmacode.gateway.bench;

import io.sigmacode.standin.DifyStandIn;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * How fast the balance, usage and timeline projections catch up with, and replay, a large event store. Real calls
 * through the gateway write one account's events; that stream is then copied in SQL under new account and call ids
 * (new event identifiers, same shapes) until the store holds {@code bench.events} events (default 1,000,000). Two
 * figures: the live projections catching up with the copies as they land, and a replay of the three from the start.
 *
 * <p>Run: {@code java -cp <test classpath> io.sigmacode.gateway.bench.ReplayBenchmark} (see docs/benchmarks.md).
 */
public final class ReplayBenchmark {

    private static final List<String> PROJECTIONS = List.of("balance", "usage", "timeline");
    private static final int CALLS = 50;

    private ReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long target = Long.getLong("bench.events", 1_000_000);
        try (DifyStandIn dify = DifyStandIn.builder().latency(Duration.ZERO).journalEntries(false).build().start();
             ConfigurableApplicationContext gateway = GatewayBenchmark.startGateway(dify)) {
            String url = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port");
            var account = GatewayBenchmark.onboard(url);
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < CALLS; i++) {
                http.send(HttpRequest.newBuilder(URI.create(url + "/v1/chat-messages"))
                        .header("Authorization", "Bearer " + account.key())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":{},\"query\":\"call " + i
                                + "\",\"response_mode\":\"blocking\",\"user\":\"bench\"}"))
                        .build(), HttpResponse.BodyHandlers.discarding());
            }
            JdbcTemplate jdbc = gateway.getBean(JdbcTemplate.class);
            EventProcessingConfiguration processing = gateway.getBean(EventProcessingConfiguration.class);
            awaitPosition(processing, head(jdbc));
            long perAccount = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                    account.accountId());
            long copies = Math.max(1, (target - count(jdbc)) / perAccount);

            long started = System.nanoTime();
            copy(jdbc, account.accountId(), copies);
            long inserted = System.nanoTime();
            awaitPosition(processing, head(jdbc));
            long caughtUp = System.nanoTime();
            long events = count(jdbc);
            System.out.printf("events in the store: %,d (%d copies of a %d-event account)%n", events, copies,
                    perAccount);
            System.out.printf("copy in SQL: %.1f s; live projections caught up %.1f s after the copy ended%n",
                    seconds(inserted - started), seconds(caughtUp - inserted));

            jdbc.execute("TRUNCATE account_balance, ledger_entry, call_usage, call_timeline_entry");
            long replayStart = System.nanoTime();
            long cpuStart = cpuNanos();
            for (String name : PROJECTIONS) {
                StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                        .orElseThrow();
                processor.shutDown();
                processor.resetTokens();
                processor.start();
            }
            awaitPosition(processing, head(jdbc));
            double replay = seconds(System.nanoTime() - replayStart);
            double cpu = seconds(cpuNanos() - cpuStart);
            System.out.printf("replay of %s, side by side: %.1f s, %,.0f events/s per projection%n", PROJECTIONS,
                    replay, events / replay);
            // wall time depends on what else the machine runs; the gateway's own CPU per event much less so
            System.out.printf("gateway CPU during the replay: %.1f s, %.1f µs per event per projection%n", cpu,
                    cpu * 1e6 / events / PROJECTIONS.size());
        }
        System.exit(0); // the stand-in's and Axon's worker threads would keep the JVM alive
    }

    private static void copy(JdbcTemplate jdbc, String accountId, long copies) {
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                SELECT gen_random_uuid()::text, e.aggregate_identifier || '-' || c, e.sequence_number, e.type,
                       e.time_stamp, e.payload_type, e.payload_revision,
                       convert_to(regexp_replace(replace(convert_from(e.payload, 'UTF8'), ?, ? || '-' || c),
                                                 '"callId":"([^"]+)"', '"callId":"\\1-' || c || '"', 'g'), 'UTF8'),
                       e.meta_data
                FROM domain_event_entry e, generate_series(1, ?) c
                WHERE e.aggregate_identifier = ?
                ORDER BY c, e.sequence_number""", accountId, accountId, copies, accountId);
    }

    private static long count(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    private static long head(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
    }

    /** Until every segment of the three projections has processed the event at {@code head}. */
    private static void awaitPosition(EventProcessingConfiguration processing, long head) {
        await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofMillis(100)).until(() -> PROJECTIONS.stream()
                .allMatch(name -> processing.eventProcessor(name, StreamingEventProcessor.class)
                        .map(p -> !p.processingStatus().isEmpty() && p.processingStatus().values().stream()
                                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head))
                        .orElse(false)));
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
