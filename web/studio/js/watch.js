// Follows one job until it ends: the live stream (GET /api/jobs/{id}/events, read with fetch so the bearer
// token can be sent, resumed with Last-Event-ID) and, where the server has no stream, polling GET /api/jobs/{id}
// honouring Retry-After and answering 304s through If-None-Match.
import { send, readJson } from "./api.js";

const TERMINAL = new Set(["succeeded", "failed", "cancelled"]);
let streamUnavailable = false;

export const isTerminal = (view) => TERMINAL.has(view?.status);

const sleep = (ms, signal) => new Promise((resolve) => {
  const timer = setTimeout(resolve, ms);
  signal?.addEventListener("abort", () => { clearTimeout(timer); resolve(); }, { once: true });
});

export async function watchJob(jobId, onView, signal) {
  let lastEventId = null;
  let etag = null;
  let failures = 0;
  while (!signal?.aborted) {
    try {
      if (!streamUnavailable) {
        const outcome = await readStream(jobId, lastEventId, (id, view) => { lastEventId = id ?? lastEventId; onView(view, "stream"); }, signal);
        if (outcome.unavailable) { streamUnavailable = true; continue; }
        if (outcome.terminal) return outcome.terminal;
        lastEventId = outcome.lastEventId ?? lastEventId;
        await sleep(1000, signal);
        continue;
      }
      const response = await send(`/api/jobs/${encodeURIComponent(jobId)}`, { headers: etag ? { "If-None-Match": etag } : {}, signal });
      const wait = Number(response.headers.get("Retry-After")) || 2;
      if (response.status !== 304) {
        const view = await readJson(response);
        etag = response.headers.get("ETag");
        onView(view, "poll");
        if (isTerminal(view)) return view;
      }
      failures = 0;
      await sleep(wait * 1000, signal);
    } catch (error) {
      if (signal?.aborted) return null;
      if (error.status && error.status < 500) throw error;
      failures += 1;
      await sleep(Math.min(30, 2 ** failures) * 1000, signal);
    }
  }
  return null;
}

async function readStream(jobId, lastEventId, onEvent, signal) {
  const headers = { Accept: "text/event-stream" };
  if (lastEventId) headers["Last-Event-ID"] = lastEventId;
  const response = await send(`/api/jobs/${encodeURIComponent(jobId)}/events`, { headers, signal });
  if (!response.ok || !(response.headers.get("Content-Type") || "").startsWith("text/event-stream")) {
    if (response.status === 404 || response.status === 405 || response.ok) {
      // The route is not served here (or answered something else): fall back to polling.
      await response.body?.cancel();
      return { unavailable: true };
    }
    await readJson(response);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let terminal = null;
  let id = lastEventId;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n?/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let data = "";
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) continue; // heartbeat
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "id") id = text;
        else if (field === "data") data += (data ? "\n" : "") + text;
      }
      if (!data) continue;
      const view = JSON.parse(data);
      onEvent(id, view);
      if (isTerminal(view)) terminal = view;
    }
  }
  return { terminal, lastEventId: id };
}
