package io.sigmacode.standin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A fake Dify service API that speaks Dify's wire format, with scripted faults and a journal of what it received.
 * Thread-safe: settings, faults and the journal may be used from any thread while requests are served.
 */
public final class DifyStandIn implements AutoCloseable {

    public static final String DEFAULT_CHAT_KEY = "app-standin-chat-000000000000";
    public static final Map<String, AppMode> DEFAULT_APP_KEYS = defaultAppKeys();

    private final String host;
    private final int requestedPort;
    private final StandInState state;
    private volatile DisposableServer server;
    /** Its own event loops: a Spring context closing in the same JVM disposes Reactor Netty's global ones. */
    private volatile LoopResources loops;

    DifyStandIn(String host, int requestedPort, StandInState state) {
        this.host = host;
        this.requestedPort = requestedPort;
        this.state = state;
    }

    public static DifyStandInBuilder builder() {
        return new DifyStandInBuilder();
    }

    private static Map<String, AppMode> defaultAppKeys() {
        Map<String, AppMode> keys = new LinkedHashMap<>();
        keys.put(DEFAULT_CHAT_KEY, AppMode.CHAT);
        keys.put("app-standin-agent-chat-000000", AppMode.AGENT_CHAT);
        keys.put("app-standin-advanced-chat-000", AppMode.ADVANCED_CHAT);
        keys.put("app-standin-completion-000000", AppMode.COMPLETION);
        keys.put("app-standin-workflow-00000000", AppMode.WORKFLOW);
        return Collections.unmodifiableMap(keys);
    }

    public synchronized DifyStandIn start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        StandInHandler handler = new StandInHandler(state);
        loops = LoopResources.create("dify-standin", 1, true);
        server = HttpServer.create()
                .runOn(loops)
                .host(host)
                .port(requestedPort)
                .handle(handler::handle)
                .bindNow();
        return this;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.disposeNow();
            server = null;
            loops.dispose();
        }
    }

    public int port() {
        return runningServer().port();
    }

    /** The base URL clients configure, including {@code /v1} and without a trailing slash. */
    public String baseUrl() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/v1";
    }

    public Map<String, AppMode> appKeys() {
        return state.appKeys;
    }

    /** The first accepted key for a mode, for tests that only care about the mode. */
    public String keyFor(AppMode mode) {
        return state.appKeys.entrySet().stream()
                .filter(entry -> entry.getValue() == mode)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no key configured for mode " + mode));
    }

    public void setLatency(Duration latency) {
        state.latency = DifyStandInBuilder.requireNonNegative(latency);
    }

    public void setChunkInterval(Duration interval) {
        state.chunkInterval = DifyStandInBuilder.requireNonNegative(interval);
    }

    public void setAnswer(String answer) {
        state.answer = Objects.requireNonNull(answer);
    }

    /** Quotes this knowledge-base passage in {@code retriever_resources} of every answer; null quotes none. */
    public void setRetrievedPassage(String passage) {
        state.passage = passage;
    }

    public void setUsage(Usage usage) {
        state.usage = Objects.requireNonNull(usage);
    }

    public void setUsage(int promptTokens, int completionTokens) {
        setUsage(Usage.of(promptTokens, completionTokens));
    }

    public Duration latency() {
        return state.latency;
    }

    public String answer() {
        return state.answer;
    }

    public Usage usage() {
        return state.usage;
    }

    /** The next generation request that passes validation gets this error envelope (after the usual latency). */
    public void failNext(int status, String code, String message) {
        state.faults.failNext(new DifyError(status, code, message));
    }

    /** The next streaming request sends two data events, then an in-band {@code error} event, then ends. */
    public void failNextMidStream(int status, String code, String message) {
        failNextMidStream(2, status, code, message);
    }

    /** As {@link #failNextMidStream(int, String, String)}, after {@code afterEvents} data events (not pings). */
    public void failNextMidStream(int afterEvents, int status, String code, String message) {
        state.faults.streamFault(new StreamFault(afterEvents, new DifyError(status, code, message)));
    }

    /** The next streaming request sends two data events, then the connection is closed without a terminal chunk. */
    public void cutNextStream() {
        cutNextStream(2);
    }

    public void cutNextStream(int afterEvents) {
        state.faults.streamFault(new StreamFault(afterEvents, null));
    }

    /** Every stream from now on is written in this framing (the same events; {@link StreamFraming#DIFY} by default). */
    public void setStreamFraming(StreamFraming framing) {
        state.framing = Objects.requireNonNull(framing);
    }

    /** The next streamed message answer gets a {@code message_replace} with this text before {@code message_end}. */
    public void replaceNextAnswer(String answer) {
        state.replacements.add(answer);
    }

    /** The bytes the stand-in wrote for the stream of this task (empty when journaling is off or no such task). */
    public Optional<byte[]> sentStream(String taskId) {
        return state.sent.of(taskId);
    }

    /** The next generation request gets this reply instead of Dify's (an edge proxy's page, say). */
    public void replyNextRaw(int status, String contentType, byte[] body) {
        state.faults.rawReply(new RawReply(status, contentType, body, body.length));
    }

    /** The next generation request is read, then the connection closes before any response header. */
    public void cutNextBeforeHeaders() {
        state.faults.rawReply(new RawReply(RawReply.NONE, Responses.JSON, new byte[0], 0));
    }

    /** The next generation request gets status 200 and the start of a JSON answer, then the connection closes. */
    public void cutNextAnswerAfterHeaders() {
        byte[] start = "{\"event\": \"message\", \"answer\": \"Hel".getBytes(StandardCharsets.UTF_8);
        state.faults.rawReply(new RawReply(200, Responses.JSON, start, 4096));
    }

    /** Adds {@code delay} to the latency of the next generation request only. */
    public void delayNext(Duration delay) {
        state.faults.delayNext(DifyStandInBuilder.requireNonNegative(delay));
    }

    public void clearFaults() {
        state.faults.clear();
        state.replacements.clear();
    }

    /** Every request received since start or the last {@link #clear()}, in arrival order, including rejected ones. */
    public List<RecordedRequest> requests() {
        return state.journal.snapshot();
    }

    public int requestCount() {
        return state.journal.count();
    }

    public void clear() {
        state.journal.clear();
        state.sent.clear();
    }

    private DisposableServer runningServer() {
        DisposableServer current = server;
        if (current == null) {
            throw new IllegalStateException("not started");
        }
        return current;
    }

    /** Command-line entry point; see {@link StandInCommandLine} for the settings. */
    public static void main(String[] args) {
        StandInCommandLine.run(args, System.getenv());
    }
}
