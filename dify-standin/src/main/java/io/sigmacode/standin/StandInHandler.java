package io.sigmacode.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/** Routes, validates and answers one request; every request is journaled before anything can reject it. */
final class StandInHandler {

    private static final Pattern STOP_ROUTE =
            Pattern.compile("^/v1/(chat-messages|completion-messages|workflows/tasks)/([^/]+)/stop$");
    private static final byte[] NO_BODY = new byte[0];

    private final StandInState state;
    private final ServiceEndpoints services;

    StandInHandler(StandInState state) {
        this.state = state;
        this.services = new ServiceEndpoints(state);
    }

    Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        long receivedAt = System.nanoTime();
        return request.receive().aggregate().asByteArray()
                .defaultIfEmpty(NO_BODY)
                .flatMap(body -> {
                    RecordedRequest recorded = record(request, body);
                    state.journal.add(recorded);
                    return route(recorded, response, receivedAt);
                });
    }

    private static RecordedRequest record(HttpServerRequest request, byte[] body) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.requestHeaders().forEach(entry ->
                headers.computeIfAbsent(entry.getKey(), name -> new ArrayList<>()).add(entry.getValue()));
        headers.replaceAll((name, values) -> List.copyOf(values));
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return new RecordedRequest(request.method().name(), uri, path, Collections.unmodifiableMap(headers), body);
    }

    private Mono<Void> route(RecordedRequest request, HttpServerResponse response, long receivedAt) {
        String path = request.path();
        String method = request.method();
        if (path.equals("/v1") || path.equals("/v1/")) {
            return "GET".equals(method)
                    ? Responses.json(response, 200, AppInfoBodies.welcome())
                    : Responses.error(response, DifyError.METHOD_NOT_ALLOWED);
        }
        Optional<GenerationRoute> generation = switch (path) {
            case "/v1/chat-messages" -> Optional.of(GenerationRoute.CHAT);
            case "/v1/completion-messages" -> Optional.of(GenerationRoute.COMPLETION);
            case "/v1/workflows/run" -> Optional.of(GenerationRoute.WORKFLOW);
            default -> Optional.empty();
        };
        if (generation.isPresent()) {
            return requireMethod("POST", request, response,
                    () -> generate(generation.get(), request, response, receivedAt));
        }
        if (path.equals("/v1/parameters")) {
            return requireMethod("GET", request, response,
                    () -> authorized(request, response, mode -> Responses.json(response, 200,
                            AppInfoBodies.parameters())));
        }
        if (path.equals("/v1/info")) {
            return requireMethod("GET", request, response,
                    () -> authorized(request, response, mode -> Responses.json(response, 200,
                            AppInfoBodies.info(mode))));
        }
        Matcher stop = STOP_ROUTE.matcher(path);
        if (stop.matches()) {
            return requireMethod("POST", request, response, () -> stop(stopRoute(stop.group(1)), stop.group(2), request,
                    response));
        }
        return authorized(request, response, mode -> state.faults.takeFailure()
                .map(scripted -> Responses.error(response, scripted))
                .orElseGet(() -> services.answer(request, response)
                        .orElseGet(() -> Responses.error(response, DifyError.NOT_FOUND))));
    }

    private static GenerationRoute stopRoute(String prefix) {
        return switch (prefix) {
            case "chat-messages" -> GenerationRoute.CHAT;
            case "completion-messages" -> GenerationRoute.COMPLETION;
            default -> GenerationRoute.WORKFLOW;
        };
    }

    private static Mono<Void> requireMethod(String method, RecordedRequest request, HttpServerResponse response,
                                            Supplier<Mono<Void>> handler) {
        return method.equals(request.method()) ? handler.get()
                : Responses.error(response, DifyError.METHOD_NOT_ALLOWED);
    }

    private Mono<Void> authorized(RecordedRequest request, HttpServerResponse response,
                                  Function<AppMode, Mono<Void>> handler) {
        AppAuthorization.Result auth = AppAuthorization.check(request.header("Authorization"), state.appKeys);
        return auth.error() != null ? Responses.error(response, auth.error()) : handler.apply(auth.mode());
    }

    private Mono<Void> stop(GenerationRoute route, String taskId, RecordedRequest request,
                            HttpServerResponse response) {
        return authorized(request, response, mode -> {
            Optional<ObjectNode> body = Json.parseObject(request.body());
            if (body.isEmpty()) {
                return Responses.error(response, DifyError.INVALID_JSON);
            }
            Optional<DifyError> userError = GenerationRequest.requireUser(body.get());
            if (userError.isPresent()) {
                return Responses.error(response, userError.get());
            }
            if (!route.accepts(mode)) {
                return Responses.error(response, route.wrongModeError());
            }
            state.stops.stop(taskId);
            ObjectNode result = Json.object();
            result.put("result", "success");
            return Responses.json(response, 200, result);
        });
    }

    private Mono<Void> generate(GenerationRoute route, RecordedRequest request, HttpServerResponse response,
                                long receivedAt) {
        return authorized(request, response, mode -> {
            Optional<ObjectNode> body = Json.parseObject(request.body());
            if (body.isEmpty()) {
                return Responses.error(response, DifyError.INVALID_JSON);
            }
            GenerationRequest.Outcome outcome = GenerationRequest.validate(route, mode, body.get());
            if (outcome.error() != null) {
                return Responses.error(response, outcome.error());
            }
            Duration delay = state.latency.plus(state.faults.takeDelay());
            Optional<DifyError> scripted = state.faults.takeFailure();
            Optional<RawReply> raw = scripted.isPresent() ? Optional.empty() : state.faults.takeRawReply();
            Mono<Void> answer = Mono.defer(() -> scripted.isPresent() ? Responses.error(response, scripted.get())
                    : raw.isPresent() ? Responses.raw(response, raw.get())
                    : respond(mode, outcome.request(), response, receivedAt));
            return delay.isZero() ? answer : Mono.delay(delay).then(answer);
        });
    }

    private Mono<Void> respond(AppMode mode, GenerationRequest request, HttpServerResponse response,
                               long receivedAt) {
        Generation run = Generation.create(mode, request.conversationId(), state.answer, state.usage,
                request.user(), request.inputs());
        double latencySeconds = (System.nanoTime() - receivedAt) / 1e9;
        if (request.streaming()) {
            Transcript transcript = StreamTranscripts.build(run, latencySeconds, state.faults.takeStreamFault(),
                    state.framing, Optional.ofNullable(state.replacements.poll()));
            return Responses.stream(response, transcript, state.chunkInterval, state.stops, state.sent);
        }
        ObjectNode body = mode == AppMode.WORKFLOW
                ? BlockingBodies.workflow(run, latencySeconds)
                : BlockingBodies.message(run, latencySeconds);
        if (mode != AppMode.WORKFLOW && state.passage != null) {
            ServiceEndpoints.quote(body.withObject("/metadata").withArray("retriever_resources"), state.passage);
        }
        return Responses.json(response, 200, body);
    }
}
