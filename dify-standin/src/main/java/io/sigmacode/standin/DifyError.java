package io.sigmacode.standin;

/** Dify's error envelope and the messages its service API uses, word for word. */
record DifyError(int status, String code, String message) {

    static final DifyError MISSING_AUTHORIZATION = new DifyError(401, "unauthorized",
            "Authorization header must be provided and start with 'Bearer'");
    static final DifyError WRONG_SCHEME = new DifyError(401, "unauthorized", "Authorization scheme must be 'Bearer'");
    static final DifyError INVALID_TOKEN = new DifyError(401, "unauthorized", "Access token is invalid");
    static final DifyError INVALID_JSON = new DifyError(400, "invalid_param",
            "Invalid JSON payload received or JSON payload is empty.");
    static final DifyError USER_MISSING = new DifyError(400, "invalid_param", "Arg user must be provided.");
    static final DifyError QUERY_MISSING = new DifyError(400, "invalid_param", "query is required");
    static final DifyError INPUTS_MISSING = new DifyError(400, "invalid_param", "inputs is required");
    static final DifyError BAD_RESPONSE_MODE = new DifyError(400, "invalid_param",
            "response_mode must be 'blocking' or 'streaming'");
    static final DifyError BAD_CONVERSATION_ID = new DifyError(400, "invalid_param",
            "conversation_id must be a valid UUID");
    static final DifyError AGENT_BLOCKING = new DifyError(400, "invalid_param",
            "Agent Chat App does not support blocking mode");
    static final DifyError NOT_CHAT_APP = new DifyError(400, "not_chat_app",
            "Please check if your app mode matches the right API route.");
    static final DifyError NOT_WORKFLOW_APP = new DifyError(400, "not_workflow_app",
            "Please check if your app mode matches the right API route.");
    static final DifyError APP_UNAVAILABLE = new DifyError(400, "app_unavailable",
            "App unavailable, please check your app configurations.");
    static final DifyError NOT_FOUND = new DifyError(404, "not_found",
            "The requested URL was not found on the server. "
                    + "If you entered the URL manually please check your spelling and try again.");
    static final DifyError METHOD_NOT_ALLOWED = new DifyError(405, "method_not_allowed",
            "The method is not allowed for the requested URL.");
}
