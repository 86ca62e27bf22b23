package io.sigmacode.gateway.bench;

import io.sigmacode.standin.DifyStandIn;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * How long a ledger of {@code bench.rows} rows (default 1,000,000) takes to export through the gateway, as JSON and
 * as CSV, and how much heap the gateway's JVM uses meanwhile. The rows are written into the balance projection's
 * table in SQL (one account, one debit a second), then each format is read over HTTP to the end and thrown away; a
 * sampler records the highest heap in use every 5 ms. Client and gateway share the JVM, so the figure bounds both.
 *
 * <p>Run: {@code java -Xmx512m -cp <test classpath> io.sigmacode.gateway.bench.LedgerExportBenchmark}
 * (see docs/benchmarks.md).
 */
public final class LedgerExportBenchmark {

    private LedgerExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("bench.rows", 1_000_000);
        try (DifyStandIn dify = DifyStandIn.builder().latency(Duration.ZERO).journalEntries(false).build().start();
             ConfigurableApplicationContext gateway = GatewayBenchmark.startGateway(dify)) {
            String url = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port");
            String account = GatewayBenchmark.onboard(url).accountId();
            JdbcTemplate jdbc = gateway.getBean(JdbcTemplate.class);
            Instant start = Instant.parse("2026-01-01T00:00:00Z");
            long began = System.nanoTime();
            jdbc.update("""
                    INSERT INTO ledger_entry (event_id, account_id, sequence, occurred_at, kind, reference, tokens,
                        balance, reserved, held)
                    SELECT 'bench-' || g, ?, 1000000 + g, CAST(? AS TIMESTAMPTZ) + g * INTERVAL '1 second', 'DEBIT',
                        'call-' || g, -4, 1000000000 - 4 * g, 0, 0
                    FROM generate_series(1, ?) g""", account, start.toString(), rows);
            System.out.printf("%,d ledger rows written in SQL in %.1f s%n", rows, seconds(System.nanoTime() - began));
            String path = url + "/api/accounts/" + account + "/ledger?from=" + start + "&to="
                    + start.plusSeconds(rows + 1);
            for (int round = 0; round < 2; round++) {
                export(path, "application/json");
                export(path, "text/csv");
            }
        }
    }

    /** Reads the whole export and prints time to first byte, total time, size, lines and the heap's peak. */
    private static void export(String path, String type) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        PeakSampler peak = PeakSampler.start(() -> memory.getHeapMemoryUsage().getUsed(), Duration.ofMillis(5));
        HttpClient http = HttpClient.newHttpClient();
        long began = System.nanoTime();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(path))
                .header("Authorization", "Bearer " + GatewayBenchmark.ADMIN).header("Accept", type).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long firstByte = 0;
        long bytes = 0;
        long lines = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = response.body()) {
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                if (firstByte == 0) {
                    firstByte = System.nanoTime();
                }
                bytes += read;
                for (int i = 0; i < read; i++) {
                    lines += buffer[i] == '\n' || buffer[i] == '}' ? 1 : 0;
                }
            }
        }
        long ended = System.nanoTime();
        peak.close();
        System.out.printf("%s: status %d, first byte after %.2f s, all %,d bytes (%,d rows or objects) in %.1f s "
                        + "(%,.0f rows/s); heap in use before %,d MB, peak %,d MB (+%,d MB)%n",
                type, response.statusCode(), seconds(firstByte - began), bytes, lines, seconds(ended - began),
                lines / seconds(ended - began), baseline >> 20, peak.peak() >> 20, (peak.peak() - baseline) >> 20);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
