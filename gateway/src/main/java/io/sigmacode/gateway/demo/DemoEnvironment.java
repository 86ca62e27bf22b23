package io.sigmacode.gateway.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * With {@code SIGMACODE_DEMO=true}, points the gateway's Dify base URL at the built-in stand-in before any bean reads
 * it. The stand-in's port is chosen here (a free one) and bound by {@link DemoConfig}: the upstream client is built
 * from the configured URL, so the URL must be known before the context starts. Without the flag it does nothing.
 */
class DemoEnvironment implements EnvironmentPostProcessor {

    static final String PORT_PROPERTY = "sigmacode.demo-dify-port";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // Exactly as @ConditionalOnProperty reads it in DemoConfig: Spring's converter would also take "yes" or "on".
        if (!"true".equalsIgnoreCase(environment.getProperty(DemoConfig.FLAG))) {
            return;
        }
        int port = freePort();
        environment.getPropertySources().addFirst(new MapPropertySource("sigmacode-demo", Map.of(
                "sigmacode.dify.base-url", "http://127.0.0.1:" + port + "/v1",
                PORT_PROPERTY, port)));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the demo's Dify stand-in", e);
        }
    }
}
