package io.sigmacode.kernel.pricing;

/** LLM token usage as Dify reports it in {@code metadata.usage}. */
public record Usage(long promptTokens, long completionTokens, long totalTokens) {
    public static final Usage NONE = new Usage(0, 0, 0);
}
