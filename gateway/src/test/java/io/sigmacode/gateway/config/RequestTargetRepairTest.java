package io.sigmacode.gateway.config;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTargetRepairTest {

    private static String passThrough(String target) {
        EmbeddedChannel channel = new EmbeddedChannel(new RequestTargetRepair());
        channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target));
        return channel.<HttpRequest>readInbound().uri();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/chat-messages", "/api/calls/%00", "/api/usage?tenantId=a%20b&x=1", "/%76%31/x",
            "/api/tenants/\u00ff"})
    void aTargetThatIsAUriIsUntouched(String target) {
        assertThat(passThrough(target)).isEqualTo(target);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {"/api/calls/%zz /api/calls/%25zz", "/v1/% /v1/%25", "/a|b /a%7Cb",
            "/api?x=%e2%8 /api?x=%e2%258", "/a[1] /a%5B1%5D", "/a\\b /a%5Cb"})
    void whatMakesATargetNoUriIsEscaped(String target, String repaired) {
        assertThat(RequestTargetRepair.isUri(target)).isFalse();
        assertThat(passThrough(target)).isEqualTo(repaired);
        assertThat(RequestTargetRepair.isUri(repaired)).isTrue();
    }
}
