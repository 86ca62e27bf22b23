package io.sigmacode.gateway.support;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Whether a request's Content-Type can be read at all. One that does not parse (an unknown charset, say) fails deep
 * in Spring's codecs or in the upstream client, where it looks like a server fault; the edge answers it instead.
 */
public final class ContentTypes {

    public static final String UNREADABLE = "Content-Type could not be read; send application/json, "
            + "optionally with charset=utf-8.";

    private ContentTypes() {
    }

    public static boolean readable(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            MediaType.parseMediaType(contentType);
            return true;
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
