package io.sigmacode.gateway.proxy.streaming;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * CPU time of the streamed post-check for one long answer, per script: 40,000 characters of Chinese (no spaces),
 * base64 and English, sent as Dify sends them (one {@code message} frame per delta) through {@link StreamedAnswer}
 * with the default policy. Not a test: run it by hand, figures in docs/benchmarks.md.
 *
 * <p>Settings (system properties): {@code bench.chars} answer length (default 40000), {@code bench.runs} measured
 * runs per script after two discarded ones (default 5).
 */
public final class StreamScanBenchmark {

    private StreamScanBenchmark() {
    }

    public static void main(String[] args) {
        int chars = Integer.getInteger("bench.chars", 40_000);
        int runs = Integer.getInteger("bench.runs", 5);
        Random random = new Random(7);
        StringBuilder chinese = new StringBuilder();
        while (chinese.length() < chars) {
            chinese.append((char) (0x4e00 + random.nextInt(0x5000)));
        }
        byte[] binary = new byte[chars];
        random.nextBytes(binary);
        String base64 = Base64.getEncoder().encodeToString(binary).substring(0, chars);
        String english = "The gateway checks every answer as it streams, frame by frame. ".repeat(chars / 60 + 1)
                .substring(0, chars);

        System.out.printf("Streamed post-check, %d characters, CPU ms per answer (median / min of %d runs)%n", chars,
                runs);
        report("Chinese, 2 characters per delta", deltas(chinese.toString(), 2), runs);
        report("base64, 4 characters per delta", deltas(base64, 4), runs);
        report("English, 5 characters per delta", deltas(english, 5), runs);
    }

    private static List<SseFrame> deltas(String answer, int size) {
        List<SseFrame> frames = new ArrayList<>();
        for (int i = 0; i < answer.length(); i += size) {
            String event = JsonNodeFactory.instance.objectNode().put("event", "message").put("task_id", "t")
                    .put("message_id", "m").put("answer", answer.substring(i, Math.min(answer.length(), i + size)))
                    .toString();
            frames.add(SseFrame.of(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8)));
        }
        frames.add(SseFrame.of(("data: {\"event\":\"message_end\",\"task_id\":\"t\",\"metadata\":{\"usage\":"
                + "{\"total_tokens\":1}}}\n\n").getBytes(StandardCharsets.UTF_8)));
        return frames;
    }

    private static void report(String name, List<SseFrame> frames, int runs) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] cpuMillis = new long[runs];
        long bytesOut = 0;
        for (int run = -2; run < runs; run++) {
            StreamedAnswer answer = Streams.answer();
            long start = threads.getCurrentThreadCpuTime();
            long out = 0;
            for (SseFrame frame : frames) {
                for (byte[] sent : answer.onFrame(frame)) {
                    out += sent.length;
                }
            }
            for (byte[] sent : answer.onEnd(null)) {
                out += sent.length;
            }
            long spent = (threads.getCurrentThreadCpuTime() - start) / 1_000_000;
            if (run >= 0) {
                cpuMillis[run] = spent;
                bytesOut = out;
            }
        }
        Arrays.sort(cpuMillis);
        System.out.printf("  %-34s %8d / %6d ms   (%d frames, %d bytes out)%n", name, cpuMillis[runs / 2],
                cpuMillis[0], frames.size(), bytesOut);
    }
}
