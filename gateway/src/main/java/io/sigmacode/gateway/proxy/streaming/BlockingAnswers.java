package io.sigmacode.gateway.proxy.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigmacode.firewall.ScanResult;
import io.sigmacode.gateway.firewall.ProxyFirewall;
import io.sigmacode.gateway.proxy.pipeline.ProxyCall;
import io.sigmacode.gateway.proxy.pipeline.ProxyMetrics;
import io.sigmacode.gateway.proxy.pipeline.ProxyRefusal;
import io.sigmacode.gateway.proxy.pipeline.ProxyReply;
import io.sigmacode.gateway.proxy.settlement.CallSettlement;
import io.sigmacode.gateway.proxy.upstream.DifyUpstream.UpstreamResponse;
import io.sigmacode.kernel.call.CallOutcome;
import io.sigmacode.kernel.call.UpstreamResult;
import io.sigmacode.kernel.firewall.Finding;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole (blocking) answer from Dify: post-checked wherever the model's text appears, then settled. Chat and
 * completion answer in {@code answer}; a workflow in {@code data.outputs}, every text of which is checked.
 */
@Component
public class BlockingAnswers {

    /** Passages a knowledge base retrieved: quoted to the client as they are, so checked like the answer. */
    private static final List<String[]> RETRIEVED = List.<String[]>of(
            new String[] {"metadata", "retriever_resources", "*", "content"});

    private final ObjectMapper json = new ObjectMapper();
    private final ProxyFirewall firewall;
    private final CallSettlement settlement;
    private final ProxyMetrics metrics;

    BlockingAnswers(ProxyFirewall firewall, CallSettlement settlement, ProxyMetrics metrics) {
        this.firewall = firewall;
        this.settlement = settlement;
        this.metrics = metrics;
    }

    /** Settled when it succeeded; an error is charged only if Dify may have run it. */
    public Mono<ProxyReply> answered(ProxyCall call, UpstreamResponse response) {
        metrics.upstreamLatency(response.latencyMillis());
        return response.successful()
                ? Mono.defer(() -> settle(call, response))
                        .subscribeOn(ProxyFirewall.schedulerFor(response.body().length))
                : settlement.failed(call, response);
    }

    private Mono<ProxyReply> settle(ProxyCall call, UpstreamResponse response) {
        JsonNode body = parse(response.body());
        if (call.route().answersWithOutputs()) {
            return settleWorkflow(call, response, body);
        }
        String answer = body.path("answer").asText("");
        ScanResult scan = firewall.scan(call.policy(), Stage.POST, answer,
                firewall.canaries(call.principal().canaries()));
        JsonNode checked = body.deepCopy();
        var passages = new AnswerGuard(firewall, call.policy(), firewall.canaries(call.principal().canaries()));
        boolean passagesWithheld = !ServedBackTexts.check(checked, RETRIEVED, passages::checkWhole);
        FirewallCheck postCheck = combined(firewall.record(call.policy(), Stage.POST, scan), passages);
        boolean withheld = passagesWithheld || postCheck.verdict() == Verdict.BLOCK;
        int clientStatus = withheld ? HttpStatus.FORBIDDEN.value() : response.status();
        var result = new UpstreamResult(response.status(), response.latencyMillis(), response.latencyMillis());
        ProxyReply reply = withheld ? ProxyRefusal.ANSWER_BLOCKED.reply(call.callId())
                : answerFor(call, response, body, checked, scan);
        metrics.outcome(withheld ? "answer_blocked" : "completed");
        return settlement.settle(call, CallOutcome.completed(postCheck,
                CallSettlement.usage(body.path("metadata").path("usage")),
                CallSettlement.estimate(call, answer.length()), result, clientStatus), reply);
    }

    /** The answer's verdict and the retrieved passages' as one post-check of the call. */
    private static FirewallCheck combined(FirewallCheck answer, AnswerGuard passages) {
        if (passages.findings().isEmpty()) {
            return answer;
        }
        List<Finding> findings = new ArrayList<>(answer.findings());
        findings.addAll(passages.findings());
        Verdict verdict = passages.verdict().compareTo(answer.verdict()) > 0 ? passages.verdict() : answer.verdict();
        return new FirewallCheck(Stage.POST, verdict, findings, answer.policyVersion(),
                answer.scanMicros() + passages.scanMicros(),
                answer.reason() != null ? answer.reason() : passages.reason());
    }

    /**
     * A blocking workflow run answers with {@code data.outputs}: every text in it is post-checked, and the usage is
     * {@code data.total_tokens} (Dify splits it no further for workflows). A failed run is still HTTP 200 from Dify
     * and billed as run: its nodes may have called models.
     */
    private Mono<ProxyReply> settleWorkflow(ProxyCall call, UpstreamResponse response, JsonNode body) {
        var guard = new AnswerGuard(firewall, call.policy(), firewall.canaries(call.principal().canaries()));
        JsonNode outputs = body.path("data").path("outputs");
        long outputChars = WorkflowOutputs.textLength(outputs);
        JsonNode checked = body.deepCopy();
        boolean withheld = !WorkflowOutputs.check(checked.path("data").path("outputs"), guard::checkWhole);
        FirewallCheck postCheck = new FirewallCheck(Stage.POST, guard.verdict(), guard.findings(),
                call.policy().version(), guard.scanMicros(), guard.reason());
        var result = new UpstreamResult(response.status(), response.latencyMillis(), response.latencyMillis());
        ProxyReply reply = withheld ? ProxyRefusal.ANSWER_BLOCKED.reply(call.callId())
                : checked.equals(body) ? passThrough(response)
                : ProxyReply.of(response.status(), MediaType.APPLICATION_JSON, serialise(checked));
        metrics.outcome(withheld ? "answer_blocked" : "completed");
        return settlement.settle(call, CallOutcome.completed(postCheck,
                CallSettlement.workflowUsage(body.path("data")), CallSettlement.estimate(call, outputChars), result,
                withheld ? HttpStatus.FORBIDDEN.value() : response.status()), reply);
    }

    private static ProxyReply passThrough(UpstreamResponse response) {
        return ProxyReply.of(response.status(), response.headers().getContentType(), response.body());
    }

    /**
     * Dify's bytes unchanged, unless the post-check redacted the answer or a retrieved passage, or masked data have
     * to be put back: only then is the body re-serialised, with those changed and everything else as Dify sent it.
     */
    private ProxyReply answerFor(ProxyCall call, UpstreamResponse response, JsonNode body, JsonNode checked,
                                 ScanResult scan) {
        boolean redact = scan.verdict() == Verdict.REDACT && scan.redactedText() != null;
        if (!(checked instanceof ObjectNode object)
                || (!redact && call.maskedPrompt().isEmpty() && checked.equals(body))) {
            return passThrough(response);
        }
        String answer = redact ? scan.redactedText() : object.path("answer").asText("");
        String restored = call.maskedPrompt().map(masked -> masked.restore(answer)).orElse(answer);
        object.put("answer", restored);
        return ProxyReply.of(response.status(), MediaType.APPLICATION_JSON, serialise(object));
    }

    private byte[] serialise(JsonNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a parsed answer always serialises", e);
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
