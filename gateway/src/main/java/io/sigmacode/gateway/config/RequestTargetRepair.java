package io.sigmacode.gateway.config;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Escapes what makes a request target no URI (a stray {@code %}, a {@code |}, a {@code [} in the path). Spring's
 * adapter would answer such a request with an empty 400 before any filter runs; escaped, the request reaches the
 * gateway, whose path check refuses it in Dify's envelope or as a problem, and a query value arrives as sent.
 * A target that already is a URI is passed on untouched.
 */
final class RequestTargetRepair extends ChannelInboundHandlerAdapter {

    private static final String ALLOWED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            + "-._~!$&'()*+,;=:@/?";
    private static final String HEX = "0123456789abcdefABCDEF";

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (message instanceof HttpRequest request && !isUri(request.uri())) {
            request.setUri(repaired(request.uri()));
        }
        context.fireChannelRead(message);
    }

    static boolean isUri(String target) {
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static String repaired(String target) {
        StringBuilder out = new StringBuilder(target.length() + 16);
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            boolean escape = c == '%' && i + 2 < target.length() && HEX.indexOf(target.charAt(i + 1)) >= 0
                    && HEX.indexOf(target.charAt(i + 2)) >= 0;
            if (escape || ALLOWED.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c & 0xFF));
            }
        }
        return out.toString();
    }
}
