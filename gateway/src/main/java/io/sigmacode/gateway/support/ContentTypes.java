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

    public static final String UNREADABLE_ACCEPT = "Accept could not be read; send application/json or leave it out.";

    private ContentTypes() {
    }

    /** An Accept header that does not parse breaks Spring's content negotiation, even for the error answer. */
    public static boolean readableAccept(String accept) {
        if (accept == null) {
            return true;
        }
        try {
            MediaType.parseMediaTypes(accept);
            return true;
        } catch (InvalidMediaTypeException e) {
            return false;
        }
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
