package io.sigmacode.gateway.config;

import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/** Puts {@link RequestTargetRepair} right behind the HTTP decoder of every connection. */
@Configuration(proxyBeanMethods = false)
class RequestTargetConfig {

    @Bean
    NettyServerCustomizer requestTargetRepair() {
        return server -> server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "sigmacode.requestTargetRepair",
                        new RequestTargetRepair());
            }
        });
    }
}
