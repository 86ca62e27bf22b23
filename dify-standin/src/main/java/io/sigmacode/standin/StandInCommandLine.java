package io.sigmacode.standin;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings for running the stand-in by hand. Each {@code --name=value} argument overrides the environment
 * variable {@code STANDIN_NAME} (upper case, dashes as underscores):
 * port (5001), host (127.0.0.1), latency-ms (0), chunk-interval-ms (5), answer, prompt-tokens (1033),
 * completion-tokens (128), app-keys ({@code key:mode,key:mode}; default one key per mode).
 */
final class StandInCommandLine {

    private StandInCommandLine() {
    }

    static void run(String[] args, Map<String, String> env) {
        DifyStandIn standIn = builder(settings(args, env)).build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::close, "standin-shutdown"));
        describe(standIn, System.out);
        waitForever();
    }

    /** The server runs on Netty threads; the main thread parks until Ctrl-C runs the shutdown hook. */
    private static void waitForever() {
        Object never = new Object();
        synchronized (never) {
            while (true) {
                try {
                    never.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    static Map<String, String> settings(String[] args, Map<String, String> env) {
        Map<String, String> settings = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("STANDIN_")) {
                settings.put(name.substring("STANDIN_".length()).toLowerCase().replace('_', '-'), value);
            }
        });
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got: " + arg);
            }
            int equals = arg.indexOf('=');
            settings.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        return settings;
    }

    static DifyStandInBuilder builder(Map<String, String> settings) {
        DifyStandInBuilder builder = DifyStandIn.builder()
                .port(Integer.parseInt(settings.getOrDefault("port", "5001")))
                .host(settings.getOrDefault("host", "127.0.0.1"))
                .latency(Duration.ofMillis(Long.parseLong(settings.getOrDefault("latency-ms", "0"))))
                .chunkInterval(Duration.ofMillis(Long.parseLong(settings.getOrDefault("chunk-interval-ms", "5"))))
                .answer(settings.getOrDefault("answer", DifyStandInBuilder.DEFAULT_ANSWER))
                .usage(Integer.parseInt(settings.getOrDefault("prompt-tokens", "1033")),
                        Integer.parseInt(settings.getOrDefault("completion-tokens", "128")));
        String keys = settings.getOrDefault("app-keys", "");
        for (String pair : keys.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int colon = pair.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("expected key:mode in app-keys, got: " + pair);
            }
            builder.appKey(pair.substring(0, colon).strip(), AppMode.fromWireName(pair.substring(colon + 1).strip()));
        }
        Map<String, String> unknown = new LinkedHashMap<>(settings);
        List.of("port", "host", "latency-ms", "chunk-interval-ms", "answer", "prompt-tokens",
                "completion-tokens", "app-keys").forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown settings: " + unknown.keySet());
        }
        return builder;
    }

    static void describe(DifyStandIn standIn, PrintStream out) {
        out.println("Dify stand-in listening on " + standIn.baseUrl());
        out.println("latency " + standIn.latency().toMillis() + " ms, usage " + standIn.usage().promptTokens()
                + "+" + standIn.usage().completionTokens() + " tokens");
        out.println("accepted app keys:");
        standIn.appKeys().forEach((key, mode) -> out.println("  " + key + "  (" + mode.wireName() + ")"));
        standIn.appKeys().entrySet().stream().filter(entry -> entry.getValue() == AppMode.CHAT).findFirst()
                .ifPresent(chat -> out.println("try: curl -sN " + standIn.baseUrl()
                + "/chat-messages -H 'Authorization: Bearer "
                + chat.getKey() + "' -H 'Content-Type: application/json'"
                + " -d '{\"inputs\":{},\"query\":\"hi\",\"user\":\"newcomer\",\"response_mode\":\"streaming\"}'"));
        out.println("stop with Ctrl-C");
    }
}
