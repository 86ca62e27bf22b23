package io.sigmacode.gateway.management;

import io.sigmacode.query.directory.DirectoryReplay;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static io.sigmacode.gateway.management.ManagementAccess.notFound;

/**
 * Rebuilds a projection from the event store while the gateway serves. A tracking projection's reset handler
 * empties its tables and it replays every event; the directory, which is subscribing, is rebuilt in one
 * transaction ({@link DirectoryReplay}).
 */
@RestController
@RequestMapping("/api/admin/projections")
class ProjectionController {

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DIRECTORY_TIMEOUT = Duration.ofMinutes(5);

    private final ManagementAccess access;
    private final EventProcessingConfiguration processing;
    private final DirectoryReplay directory;
    private final EventStore events;

    ProjectionController(ManagementAccess access, EventProcessingConfiguration processing, DirectoryReplay directory,
                         EventStore events) {
        this.access = access;
        this.processing = processing;
        this.directory = directory;
        this.events = events;
    }

    /**
     * @param position the global index of the last event taken (the lowest over segments)
     * @param lag      events stored after {@code position}; 0 for the directory, which is updated with each command
     */
    record ProjectionStatus(String name, boolean running, boolean replaying, boolean caughtUp, Long position,
                            Long lag) {
    }

    @GetMapping
    Mono<List<ProjectionStatus>> list(ServerWebExchange exchange) {
        return access.admitted(exchange).flatMap(caller -> Mono.fromCallable(() -> {
            long head = head();
            List<ProjectionStatus> statuses = new ArrayList<>(processing.eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance)
                    .map(StreamingEventProcessor.class::cast)
                    .map(processor -> status(processor, head))
                    .toList());
            statuses.add(directoryStatus(head));
            statuses.sort(Comparator.comparing(ProjectionStatus::name));
            return statuses;
        }).subscribeOn(Schedulers.boundedElastic()));
    }

    @PostMapping("/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<ProjectionStatus> replay(@PathVariable String name, ServerWebExchange exchange) {
        if (DirectoryReplay.NAME.equals(name)) {
            return access.admitted(exchange).flatMap(caller -> Mono.fromCallable(() -> {
                if (directory.replaying()) {
                    throw new ResponseStatusException(HttpStatus.CONFLICT, "The directory is already being replayed.");
                }
                directory.replay();
                return directoryStatus(head());
            }).subscribeOn(Schedulers.boundedElastic()).timeout(DIRECTORY_TIMEOUT));
        }
        return access.admitted(exchange)
                .flatMap(caller -> Mono.justOrEmpty(processing.eventProcessor(name, StreamingEventProcessor.class)))
                .switchIfEmpty(Mono.error(() -> notFound("replayable projection " + name)))
                .flatMap(processor -> Mono.fromCallable(() -> {
                    processor.shutdownAsync().get(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    processor.resetTokens();
                    processor.start();
                    return status(processor, head());
                }).subscribeOn(Schedulers.boundedElastic()).timeout(SHUTDOWN_TIMEOUT.plusSeconds(5)));
    }

    /** The global index of the newest stored event; -1 for an empty store. */
    private long head() {
        var token = events.createHeadToken();
        return token == null ? -1 : token.position().orElse(-1);
    }

    private ProjectionStatus directoryStatus(long head) {
        boolean replaying = directory.replaying();
        return new ProjectionStatus(DirectoryReplay.NAME, true, replaying, !replaying, head, 0L);
    }

    private static ProjectionStatus status(StreamingEventProcessor processor, long head) {
        var statuses = processor.processingStatus().values();
        boolean replaying = statuses.stream().anyMatch(EventTrackerStatus::isReplaying);
        boolean caughtUp = !statuses.isEmpty() && statuses.stream().allMatch(EventTrackerStatus::isCaughtUp);
        Long position = statuses.stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong)
                .min(Long::compare).orElse(null);
        Long lag = position == null ? null : Math.max(0, head - position);
        return new ProjectionStatus(processor.getName(), processor.isRunning(), replaying, caughtUp, position, lag);
    }
}
