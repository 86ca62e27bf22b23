package io.sigmacode.gateway.proxy.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigmacode.kernel.tenant.AppMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GenerationRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode body(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void completionAndWorkflowNeedAUserAndInputsLikeDify() throws Exception {
        for (GenerationRules rules : new GenerationRules[] {GenerationRules.COMPLETION, GenerationRules.WORKFLOW}) {
            assertThat(rules.problem(body("{\"inputs\":{}}"))).isEqualTo("Arg user must be provided.");
            assertThat(rules.problem(body("{\"user\":\"u\"}"))).isEqualTo("inputs is required");
            assertThat(rules.problem(body("{\"user\":\"u\",\"inputs\":[]}"))).isEqualTo("inputs is required");
            assertThat(rules.problem(body("{\"user\":\"u\",\"inputs\":{},\"response_mode\":\"fast\"}")))
                    .startsWith("response_mode must be");
            assertThat(rules.problem(body("{\"user\":\"u\",\"inputs\":{},\"response_mode\":\"streaming\"}")))
                    .isNull();
        }
        assertThat(GenerationRules.COMPLETION.problem(body("{\"user\":\"u\",\"inputs\":{},\"query\":1}")))
                .isEqualTo("query must be a string");
    }

    @Test
    void theInputsAreWhatGoesToTheModel() throws Exception {
        ObjectNode request = body("{\"user\":\"u\",\"inputs\":{\"a\":\"first\",\"n\":3,\"b\":\"second\"},"
                + "\"query\":\"legacy\"}");
        assertThat(GenerationRules.WORKFLOW.promptText(request)).isEqualTo("\nfirst\nsecond");
        assertThat(GenerationRules.COMPLETION.promptText(request)).isEqualTo("legacy\nfirst\nsecond");
        assertThat(GenerationRules.CHAT.promptText(request)).isEqualTo("legacy\nfirst\nsecond");
    }

    @Test
    void callsArePricedByWhatTheAppRuns() {
        assertThat(ProxyRoute.CHAT_MESSAGES.endpoint(AppMode.CHAT)).isEqualTo("chat-messages");
        assertThat(ProxyRoute.CHAT_MESSAGES.endpoint(AppMode.AGENT_CHAT)).isEqualTo("agent-chat-messages");
        assertThat(ProxyRoute.CHAT_MESSAGES.endpoint(AppMode.ADVANCED_CHAT)).isEqualTo("workflows/run");
        assertThat(ProxyRoute.COMPLETION_MESSAGES.endpoint(AppMode.COMPLETION)).isEqualTo("completion-messages");
        assertThat(ProxyRoute.WORKFLOWS_RUN.endpoint(AppMode.WORKFLOW)).isEqualTo("workflows/run");
    }
}
