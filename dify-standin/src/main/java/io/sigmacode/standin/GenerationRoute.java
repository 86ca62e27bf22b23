package io.sigmacode.standin;

/** The three generation routes and the app modes each one serves. */
enum GenerationRoute {
    CHAT(DifyError.NOT_CHAT_APP),
    COMPLETION(DifyError.APP_UNAVAILABLE),
    WORKFLOW(DifyError.NOT_WORKFLOW_APP);

    private final DifyError wrongMode;

    GenerationRoute(DifyError wrongMode) {
        this.wrongMode = wrongMode;
    }

    boolean accepts(AppMode mode) {
        return switch (this) {
            case CHAT -> mode.isChatFamily();
            case COMPLETION -> mode == AppMode.COMPLETION;
            case WORKFLOW -> mode == AppMode.WORKFLOW;
        };
    }

    DifyError wrongModeError() {
        return wrongMode;
    }
}
