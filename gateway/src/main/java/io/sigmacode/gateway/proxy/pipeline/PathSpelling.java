package io.sigmacode.gateway.proxy.pipeline;

import org.springframework.util.StringUtils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How the gateway reads a request path. Spring's router matches decoded segments without matrix parameters, so
 * {@code /%76%31/chat-messages} and {@code /v1;x/chat-messages} both reach the chat handler; a filter comparing the
 * raw string would see another path. Hence one rule: a path is served only when its raw spelling is canonical (it
 * is then exactly what the router matches), and the API a path belongs to is decided on the most lenient decoded
 * view, so that every spelling of a Dify path is answered as a Dify path.
 */
final class PathSpelling {

    private PathSpelling() {
    }

    /** No percent-encoding, matrix parameters, backslashes, dot or empty segments; a trailing slash is fine. */
    static boolean canonical(String raw) {
        if (raw.isEmpty() || raw.charAt(0) != '/' || raw.indexOf('%') >= 0 || raw.indexOf(';') >= 0
                || raw.indexOf('\\') >= 0) {
            return false;
        }
        String[] segments = raw.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if ((segment.isEmpty() && !last) || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first segment after decoding (an encoded slash counts as a slash), stripping matrix parameters, resolving
     * dot segments and skipping empty segments: what a router, a reverse proxy or Dify itself could take it to be.
     */
    static String firstSegment(String raw) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : decode(raw).split("[/\\\\]")) {
            int matrix = segment.indexOf(';');
            String name = matrix >= 0 ? segment.substring(0, matrix) : segment;
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(name);
            }
        }
        return segments.isEmpty() ? "" : segments.peekFirst();
    }

    private static String decode(String path) {
        try {
            return StringUtils.uriDecode(path, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path;
        }
    }
}
