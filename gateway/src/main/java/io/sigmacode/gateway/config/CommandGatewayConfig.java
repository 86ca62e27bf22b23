package io.sigmacode.gateway.config;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The command gateway, with conflicts between gateway nodes retried (see {@link ConflictRetryScheduler}). */
@Configuration(proxyBeanMethods = false)
class CommandGatewayConfig {

    /** Enough for a burst of calls on one account spread over three nodes. */
    private static final int MAX_RETRIES = 8;
    private static final long BASE_DELAY_MILLIS = 5;

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService commandRetries() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retries");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetries) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConflictRetryScheduler(commandRetries, MAX_RETRIES, BASE_DELAY_MILLIS))
                .build();
    }
}
