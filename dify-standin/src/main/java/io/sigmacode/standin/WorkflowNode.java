package io.sigmacode.standin;

import java.util.UUID;

/** One node of the simulated graph (start → llm → end) with the execution id Dify gives each node run. */
record WorkflowNode(String executionId, String nodeId, String nodeType, String title, int index, String predecessor) {

    static WorkflowNode of(String nodeId, String title, int index, String predecessor) {
        return new WorkflowNode(UUID.randomUUID().toString(), nodeId, nodeId, title, index, predecessor);
    }

    boolean isLlm() {
        return "llm".equals(nodeType);
    }

    boolean isEnd() {
        return "end".equals(nodeType);
    }
}
