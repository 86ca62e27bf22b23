package io.sigmacode.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Bodies of the metadata endpoints, with the fields a client reads from real Dify. */
final class AppInfoBodies {

    static final String SERVER_VERSION = "1.9.2";

    private AppInfoBodies() {
    }

    static ObjectNode welcome() {
        ObjectNode body = Json.object();
        body.put("welcome", "Dify OpenAPI");
        body.put("api_version", "v1");
        body.put("server_version", SERVER_VERSION);
        return body;
    }

    static ObjectNode info(AppMode mode) {
        ObjectNode body = Json.object();
        body.put("name", "Stand-in " + mode.wireName() + " app");
        body.put("description", "Fake Dify app served by the Sigmacode stand-in");
        body.putArray("tags");
        body.put("mode", mode.wireName());
        body.put("author_name", "Sigmacode");
        return body;
    }

    static ObjectNode parameters() {
        ObjectNode body = Json.object();
        body.put("opening_statement", "");
        body.putArray("suggested_questions");
        body.putObject("suggested_questions_after_answer").put("enabled", false);
        body.putObject("speech_to_text").put("enabled", false);
        ObjectNode textToSpeech = body.putObject("text_to_speech");
        textToSpeech.put("enabled", false);
        textToSpeech.put("voice", "");
        textToSpeech.put("language", "");
        body.putObject("retriever_resource").put("enabled", true);
        body.putObject("annotation_reply").put("enabled", false);
        body.putObject("more_like_this").put("enabled", false);
        body.putArray("user_input_form");
        body.putObject("sensitive_word_avoidance").put("enabled", false);
        ObjectNode fileUpload = body.putObject("file_upload");
        ObjectNode image = fileUpload.putObject("image");
        image.put("enabled", false);
        image.put("number_limits", 3);
        image.putArray("transfer_methods").add("remote_url").add("local_file");
        ObjectNode system = body.putObject("system_parameters");
        system.put("file_size_limit", 15);
        system.put("image_file_size_limit", 10);
        system.put("audio_file_size_limit", 50);
        system.put("video_file_size_limit", 100);
        system.put("workflow_file_upload_limit", 10);
        return body;
    }
}
