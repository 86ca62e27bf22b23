package io.sigmacode.gateway.management;

import io.sigmacode.gateway.deadletter.DeadLetters;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
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

import java.util.List;

/** Lists, retries and skips the events a projection could not store (platform-admin). */
@RestController
@RequestMapping("/api/admin/dead-letters")
class DeadLetterController {

    private final ManagementAccess access;
    private final DeadLetters deadLetters;

    DeadLetterController(ManagementAccess access, DeadLetters deadLetters) {
        this.access = access;
        this.deadLetters = deadLetters;
    }

    record RetryResult(String processingGroup, boolean processed, long remaining) {
    }

    @GetMapping
    Mono<List<DeadLetters.Entry>> list(ServerWebExchange exchange) {
        return access.admitted(exchange)
                .flatMap(caller -> Mono.fromCallable(deadLetters::list).subscribeOn(Schedulers.boundedElastic()));
    }

    @PostMapping("/{group}/retry")
    Mono<RetryResult> retry(@PathVariable String group, ServerWebExchange exchange) {
        return access.admitted(exchange)
                .flatMap(caller -> Mono.fromCallable(() -> deadLetters.retry(group)
                                .map(done -> new RetryResult(group, done, deadLetters.count(group)))
                                .orElseThrow(() -> notFound("processing group " + group)))
                        .subscribeOn(Schedulers.boundedElastic()));
    }

    @DeleteMapping("/{group}/{eventIdentifier}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> skip(@PathVariable String group, @PathVariable String eventIdentifier, ServerWebExchange exchange) {
        return access.admitted(exchange)
                .flatMap(caller -> Mono.fromCallable(() -> deadLetters.skip(group, eventIdentifier).orElse(false))
                        .subscribeOn(Schedulers.boundedElastic()))
                .flatMap(skipped -> skipped ? Mono.<Void>empty()
                        : Mono.error(notFound("dead letter " + eventIdentifier + " in " + group)));
    }

    private static ResponseStatusException notFound(String what) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, what + " not found");
    }
}
