package io.sigmacode.gateway.management;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

import static io.sigmacode.gateway.management.ManagementAccess.notFound;

/** Rebuilds a projection from the event store: its reset handler empties its tables, then it replays every event. */
@RestController
@RequestMapping("/api/admin/projections")
class ProjectionController {

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private final ManagementAccess access;
    private final EventProcessingConfiguration processing;

    ProjectionController(ManagementAccess access, EventProcessingConfiguration processing) {
        this.access = access;
        this.processing = processing;
    }

    record ProjectionStatus(String name, boolean running, boolean replaying, boolean caughtUp, Long position) {
    }

    @GetMapping
    Mono<List<ProjectionStatus>> list(ServerWebExchange exchange) {
        return access.admitted(exchange).map(caller -> processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .map(ProjectionController::status)
                .sorted(Comparator.comparing(ProjectionStatus::name))
                .toList());
    }

    @PostMapping("/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<ProjectionStatus> replay(@PathVariable String name, ServerWebExchange exchange) {
        return access.admitted(exchange)
                .flatMap(caller -> Mono.justOrEmpty(processing.eventProcessor(name, StreamingEventProcessor.class)))
                .switchIfEmpty(Mono.error(() -> notFound("replayable projection " + name)))
                .flatMap(processor -> Mono.fromCallable(() -> {
                    processor.shutdownAsync().get(SHUTDOWN_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                    processor.resetTokens();
                    processor.start();
                    return status(processor);
                }).subscribeOn(Schedulers.boundedElastic()).timeout(SHUTDOWN_TIMEOUT.plusSeconds(5)));
    }

    private static ProjectionStatus status(StreamingEventProcessor processor) {
        var statuses = processor.processingStatus().values();
        boolean replaying = statuses.stream().anyMatch(EventTrackerStatus::isReplaying);
        boolean caughtUp = !statuses.isEmpty() && statuses.stream().allMatch(EventTrackerStatus::isCaughtUp);
        Long position = statuses.stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong)
                .min(Long::compare).orElse(null);
        return new ProjectionStatus(processor.getName(), processor.isRunning(), replaying, caughtUp, position);
    }
}
