// The HTTP client: bearer token, JSON, RFC 9457 problems turned into ApiError with the API's own words.
import { config } from "../config.js";

const TOKEN_KEY = "natak.token";
const USER_KEY = "natak.user";

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The API answered ${status}.`);
    this.status = status;
    this.problem = problem || {};
    this.errors = problem?.errors || {};
  }
}

export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  get user() { return sessionStorage.getItem(USER_KEY); },
  set(user, token) { sessionStorage.setItem(USER_KEY, user); sessionStorage.setItem(TOKEN_KEY, token); },
  clear() { sessionStorage.removeItem(USER_KEY); sessionStorage.removeItem(TOKEN_KEY); },
};

export function apiUrl(path) {
  return (config.apiBaseUrl || "").replace(/\/+$/, "") + path;
}

/** A raw fetch with the bearer token; the caller reads the response. */
export function send(path, { method = "GET", body, headers = {}, token = session.token, signal } = {}) {
  const h = { ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  if (body !== undefined) h["Content-Type"] = "application/json";
  return fetch(apiUrl(path), { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), signal, cache: "no-store" });
}

/** JSON in, JSON out; a problem document becomes an ApiError. */
export async function call(path, options = {}) {
  const response = await send(path, options);
  return readJson(response);
}

export async function readJson(response) {
  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  if (!response.ok) {
    throw new ApiError(response.status, json && typeof json === "object" ? json : { detail: text || response.statusText });
  }
  return json;
}

/** PUT a file to a presigned upload URL exactly as POST /api/uploads said to. */
export async function uploadFile(file) {
  const ticket = await call("/api/uploads", { method: "POST", body: { fileName: file.name, contentType: file.type, size: file.size } });
  const put = await fetch(ticket.uploadUrl, { method: ticket.method || "PUT", headers: ticket.headers || { "Content-Type": file.type }, body: file });
  if (!put.ok) throw new ApiError(put.status, { detail: `The storage refused the upload of ${file.name} (${put.status}).` });
  return ticket;
}
