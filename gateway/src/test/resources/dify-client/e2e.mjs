// Drives the gateway with the official Node client, dify-client 2.3.2, exactly as an application talks to Dify:
// only the base URL and the keys differ. Routes the client has no method for (suggested, meta, audio, stop) go
// through its own sendRequest. Prints one JSON object with what each call got, for the Java test to check.
import { ChatClient, CompletionClient, DifyClient } from "dify-client";

const base = process.env.GATEWAY_BASE_URL;
const user = "e2e-user";
const chat = new ChatClient(process.env.CHAT_KEY, base);
const completion = new CompletionClient(process.env.COMPLETION_KEY, base);
const workflow = new CompletionClient(process.env.WORKFLOW_KEY, base);
const results = {};

async function streamText(response) {
  const chunks = [];
  for await (const chunk of response.data) {
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function step(name, call) {
  try {
    results[name] = await call();
  } catch (error) {
    results[name] = { error: error.message, status: error.response?.status, data: error.response?.data };
  }
}

await step("chatBlocking", async () => {
  const r = await chat.createChatMessage({}, "Hello", user, false, null);
  return { status: r.status, data: r.data };
});
const conversationId = results.chatBlocking.data?.conversation_id;
const messageId = results.chatBlocking.data?.message_id;
await step("chatStreaming", async () => {
  const r = await chat.createChatMessage({}, "Hello again", user, true, conversationId);
  return { status: r.status, contentType: r.headers["content-type"], text: await streamText(r) };
});
await step("completionBlocking", async () => {
  const r = await completion.createCompletionMessage({ query: "Write a line" }, user, false);
  return { status: r.status, data: r.data };
});
await step("completionStreaming", async () => {
  const r = await completion.createCompletionMessage({ query: "Write a line" }, user, true);
  return { status: r.status, text: await streamText(r) };
});
await step("workflowBlocking", async () => {
  const r = await workflow.runWorkflow({ text: "Translate this" }, user, false);
  return { status: r.status, data: r.data };
});
await step("workflowStreaming", async () => {
  const r = await workflow.runWorkflow({ text: "Translate this" }, user, true);
  return { status: r.status, text: await streamText(r) };
});
await step("fileUpload", async () => {
  const form = new FormData();
  form.append("file", new Blob(["line one\nline two\n"], { type: "text/plain" }), "notes.txt");
  form.append("user", user);
  const r = await chat.fileUpload(form);
  return { status: r.status, data: r.data };
});
await step("messages", async () => {
  const r = await chat.getConversationMessages(user, conversationId, null, 20);
  return { status: r.status, data: r.data };
});
await step("conversations", async () => {
  const r = await chat.getConversations(user, null, 20, null);
  return { status: r.status, data: r.data };
});
await step("rename", async () => {
  const r = await chat.renameConversation(conversationId, "Renamed by the client", user, false);
  return { status: r.status, data: r.data };
});
await step("feedback", async () => {
  const r = await chat.messageFeedback(messageId, "like", user);
  return { status: r.status, data: r.data };
});
await step("suggested", async () => {
  const r = await chat.sendRequest("GET", `/messages/${messageId}/suggested`, null, { user });
  return { status: r.status, data: r.data };
});
await step("parameters", async () => {
  const r = await chat.getApplicationParameters(user);
  return { status: r.status, data: r.data };
});
await step("meta", async () => {
  const r = await chat.sendRequest("GET", "/meta", null, { user });
  return { status: r.status, data: r.data };
});
await step("audioToText", async () => {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(4096)], { type: "audio/mpeg" }), "voice.mp3");
  form.append("user", user);
  const r = await chat.sendRequest("POST", "/audio-to-text", form, null, false,
    { "Content-Type": "multipart/form-data" });
  return { status: r.status, data: r.data };
});
await step("textToAudio", async () => {
  const r = await chat.sendRequest("POST", "/text-to-audio", { text: "Hello there", user }, null, true);
  const chunks = [];
  for await (const chunk of r.data) {
    chunks.push(Buffer.from(chunk));
  }
  return { status: r.status, contentType: r.headers["content-type"], bytes: Buffer.concat(chunks).length };
});
await step("stop", async () => {
  const taskId = /"task_id":\s*"([^"]+)"/.exec(results.chatStreaming.text ?? "")?.[1];
  const r = await chat.sendRequest("POST", `/chat-messages/${taskId}/stop`, { user });
  return { status: r.status, data: r.data };
});
await step("deleteConversation", async () => {
  const r = await chat.deleteConversation(conversationId, user);
  return { status: r.status };
});
await step("wrongKey", async () => {
  const stranger = new DifyClient("app-not-a-gateway-key", base);
  const r = await stranger.getApplicationParameters(user);
  return { status: r.status };
});

process.stdout.write(JSON.stringify(results));
