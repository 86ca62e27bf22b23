package io.sigmacode.standin;

/**
 * A reply that is not Dify's own: what a proxy in front of Dify sends (an HTML 504), or a body cut short after the
 * headers. {@code declaredLength} above the body's length announces more bytes than are sent, then the connection
 * closes.
 */
record RawReply(int status, String contentType, byte[] body, long declaredLength) {

    boolean cutShort() {
        return declaredLength > body.length;
    }
}
