package io.sigmacode.gateway.management;

import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.call.CallTimelineResponse;
import io.sigmacode.kernel.call.FindCallTimelineQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import static io.sigmacode.gateway.management.ManagementAccess.notFound;

@RestController
class CallController {

    private final ManagementAccess access;
    private final Bus bus;

    CallController(ManagementAccess access, Bus bus) {
        this.access = access;
        this.bus = bus;
    }

    @GetMapping("/api/calls/{callId}")
    Mono<CallTimelineResponse> timeline(@PathVariable String callId, ServerWebExchange exchange) {
        return bus.query(new FindCallTimelineQuery(callId), CallTimelineResponse.class)
                .flatMap(timeline -> access.account(timeline.accountId(), exchange).thenReturn(timeline))
                .switchIfEmpty(Mono.error(() -> notFound("call " + callId)));
    }
}
