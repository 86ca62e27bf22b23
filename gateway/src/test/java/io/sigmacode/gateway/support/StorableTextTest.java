package io.sigmacode.gateway.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorableTextTest {

    @Test
    void ordinaryTextEmojiAndNullAreStorable() {
        assertThat(StorableText.storable("Acme GmbH – Zürich 😀")).isTrue();
        assertThat(StorableText.storable("")).isTrue();
        assertThat(StorableText.storable(null)).isTrue();
    }

    @Test
    void nulAndUnpairedSurrogatesAreNot() {
        assertThat(StorableText.storable("a\u0000b")).isFalse();
        assertThat(StorableText.storable("\ud800")).isFalse();
        assertThat(StorableText.storable("x\ud800y")).isFalse();
        assertThat(StorableText.storable("\udc00x")).isFalse();
        assertThat(StorableText.storable("\ude00\ud83d")).isFalse();
    }
}
