package io.sigmacode.gateway.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.PooledByteBufAllocator;
import io.sigmacode.gateway.GatewayApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded memory under transfers: {@code bench.streams} (200) concurrent uploads of {@code bench.mb} (10) MB each
 * through {@code POST /v1/files/upload}, then as many binary answers of that size streamed back ({@code GET
 * /v1/files/{id}/preview} of an audio file: the same relay as text-to-audio's audio, without its pre-check), with the
 * JVM's heap (sampled, and the pools' peaks) and the process's RSS. Dify is a sink that counts what it receives and
 * sends its audio without holding it, so only the gateway can hold bytes. The same loads straight to the sink are
 * the throughput baseline. Run it with {@code -Xmx512m}: finishing at all shows the heap stayed under 512 MB.
 */
public final class TransferBenchmark {

    /** Dify streams audio in small writes; the sender prefetches up to 128 of them per stream (reactor-netty). */
    private static final int CHUNK = 8 * 1024;

    private TransferBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int streams = Integer.getInteger("bench.streams", 200);
        long bytes = Long.getLong("bench.mb", 10) * 1024 * 1024;
        AtomicLong received = new AtomicLong();
        DisposableServer sink = sink(bytes, received);
        String difyUrl = "http://127.0.0.1:" + sink.port() + "/v1";
        try (ConfigurableApplicationContext gateway = SpringApplication.run(GatewayApplication.class,
                "--server.port=0", "--sigmacode.data-dir=" + Files.createTempDirectory("sigmacode-transfer"),
                "--sigmacode.admin-token=bench-admin-token-0123456789abcdefghij",
                "--sigmacode.dify.base-url=" + difyUrl, "--logging.level.root=WARN",
                // 200 admissions at once on a shared 2-core machine can outlast the default 10 s.
                "--sigmacode.billing.command-timeout=120s")) {
            String gatewayUrl = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port");
            String key = GatewayBenchmark.onboard(gatewayUrl).key();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            System.out.printf("%d concurrent streams of %d MB each, heap limit %d MB%n", streams,
                    bytes >> 20, Runtime.getRuntime().maxMemory() >> 20);
            String phases = System.getProperty("bench.phases", "upload,download");
            if (phases.contains("upload")) {
                report("upload, straight to Dify", () -> uploads(http, difyUrl, "app-sink", streams, bytes));
                report("upload through the gateway", () -> uploads(http, gatewayUrl + "/v1", key, streams, bytes));
            }
            if (phases.contains("download")) {
                report("audio download, straight to Dify", () -> downloads(http, difyUrl, "app-sink", streams));
                report("audio download through the gateway", () -> downloads(http, gatewayUrl + "/v1", key, streams));
            }
            System.out.printf("Dify received %d MB in all%n", received.get() >> 20);
        } finally {
            sink.disposeNow();
        }
    }

    /** Dify reduced to what a transfer needs: it counts an upload's bytes, and streams audio it never holds. */
    private static DisposableServer sink(long bytes, AtomicLong received) {
        byte[] chunk = new byte[CHUNK];
        return HttpServer.create().host("127.0.0.1").port(0).route(routes -> routes
                .post("/v1/files/upload", (request, response) -> request.receive()
                        .map(ByteBuf::readableBytes).reduce(0L, (sum, n) -> sum + n)
                        .flatMap(size -> {
                            received.addAndGet(size);
                            return response.status(201).header("Content-Type", "application/json")
                                    .sendString(Mono.just("{\"id\":\"file-1\",\"size\":" + size + "}")).then();
                        }))
                .get("/v1/files/{id}/preview", (request, response) -> response.status(200)
                        .header("Content-Type", "audio/mpeg")
                        .send(Flux.range(0, (int) (bytes / CHUNK)).map(i -> Unpooled.wrappedBuffer(chunk)))
                        .then()))
                .bindNow();
    }

    private interface Load {
        long run() throws Exception;
    }

    private static void report(String name, Load load) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        BufferPoolMXBean directBuffers = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
        PeakSampler sampledPeak = PeakSampler.start(
                () -> ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Duration.ofMillis(20));
        PeakSampler directPeak = PeakSampler.start(() -> PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory()
                + directBuffers.getMemoryUsed(), Duration.ofMillis(20));
        long started = System.nanoTime();
        long moved = load.run();
        double seconds = (System.nanoTime() - started) / 1e9;
        sampledPeak.close();
        directPeak.close();
        long poolPeaks = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf("%-36s %6.1f s  %7.1f MB/s  heap peak sampled %4d MB, pools' peaks %4d MB, "
                        + "Netty direct peak %4d MB, RSS %s%n", name, seconds, (moved >> 20) / seconds,
                sampledPeak.peak() >> 20, poolPeaks >> 20, directPeak.peak() >> 20, rss());
    }

    private static long uploads(HttpClient http, String base, String key, int streams, long bytes) {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/files/upload"))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "multipart/form-data; boundary=bench")
                    .POST(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> zeros(bytes)), bytes))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        return calls.stream().map(CompletableFuture::join).mapToLong(response -> {
            if (response.statusCode() != 201) {
                throw new IllegalStateException("upload answered " + response.statusCode() + ": " + response.body());
            }
            return bytes;
        }).sum();
    }

    private static long downloads(HttpClient http, String base, String key, int streams) {
        List<CompletableFuture<HttpResponse<InputStream>>> calls = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/files/file-" + i + "/preview?user=bench"))
                    .header("Authorization", "Bearer " + key).GET()
                    .build(), HttpResponse.BodyHandlers.ofInputStream()));
        }
        return calls.stream().map(CompletableFuture::join).mapToLong(TransferBenchmark::drain).sum();
    }

    private static long drain(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("download answered " + response.statusCode() + ": "
                        + new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream zeros(long bytes) {
        return new InputStream() {
            private long left = bytes;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                Arrays.fill(buffer, offset, offset + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }

    private static String rss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS") || line.startsWith("VmHWM"))
                    .map(line -> line.replaceAll("\\s+", " ")).reduce((a, b) -> a + ", " + b).orElse("n/a");
        } catch (IOException e) {
            return "n/a";
        }
    }
}
