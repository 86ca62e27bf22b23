package io.sigmacode.standin;

/**
 * A reply that is not Dify's own: what a proxy in front of Dify sends (an HTML 504), or a body cut short after the
 * headers, or no reply at all. {@code declaredLength} above the body's length announces more bytes than are sent,
 * then the connection closes; status {@link #NONE} closes the connection before any header is sent.
 */
record RawReply(int status, String contentType, byte[] body, long declaredLength) {

    static final int NONE = 0;

    boolean noReply() {
        return status == NONE;
    }

    boolean cutShort() {
        return declaredLength > body.length;
    }
}
