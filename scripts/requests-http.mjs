#!/usr/bin/env node
// Runs an .http file (the REST Client subset docs/requests.http uses) top to bottom and stops at the first
// request that does not answer as expected:
//   node scripts/requests-http.mjs [docs/requests.http] [--base http://localhost:7071]
// Understands: @variables, {{$guid}}, {{name.response.body.$.a.b[0]}}, {{name.response.headers.X}}, "# @name",
// "< ./file" bodies (relative to the .http file), and two directives of its own in comments: "# @expect 201|404"
// (default: any 2xx) and "# @until $.field a|b" (re-send every second, up to 5 minutes, until the field matches).
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { randomUUID } from "node:crypto";

const args = process.argv.slice(2);
const file = resolve(args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--base") ?? "docs/requests.http");
const baseOverride = args.includes("--base") ? args[args.indexOf("--base") + 1] : null;
const text = readFileSync(file, "utf8");

const variables = {};
const named = {};

function path(value, expression) {
  for (const part of expression.replace(/^\$\.?/, "").split(".").filter(Boolean)) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    value = value?.[m[1]];
    for (const index of m[2].matchAll(/\[(\d+)\]/g)) value = value?.[Number(index[1])];
  }
  return value;
}

function substitute(s) {
  return s.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_, name) => {
    if (name === "$guid") return randomUUID();
    if (name in variables) return substitute(variables[name]);
    const m = /^(\w+)\.response\.(body|headers)\.?(.*)$/.exec(name);
    if (!m || !named[m[1]]) throw new Error(`unknown variable {{${name}}}`);
    const value = m[2] === "body" ? path(named[m[1]].body, m[3]) : named[m[1]].headers.get(m[3]);
    if (value === undefined || value === null) throw new Error(`{{${name}}} is empty`);
    return String(value);
  });
}

const blocks = text.split(/^###.*$/m);
for (const line of blocks[0].split("\n")) {
  const m = /^@(\w+)\s*=\s*(.*)$/.exec(line.trim());
  if (m) variables[m[1]] = m[2];
}
if (baseOverride) variables.base = baseOverride;
// A guid in a variable is drawn once, so the run speaks as one user throughout.
for (const [key, value] of Object.entries(variables)) variables[key] = value.replaceAll("{{$guid}}", randomUUID());

let count = 0;
for (const [index, block] of blocks.entries()) {
  if (index === 0) continue;
  const lines = block.replace(/^\n/, "").split("\n");
  const title = text.split(/^###/m)[index].split("\n")[0].trim();
  const directives = {};
  let i = 0;
  for (; i < lines.length && (lines[i].startsWith("#") || !lines[i].trim()); i++) {
    const m = /^#\s*@(\w+)\s*(.*)$/.exec(lines[i]);
    if (m) directives[m[1]] = m[2].trim();
  }
  if (i >= lines.length) continue;
  const [method, url] = lines[i++].trim().split(/\s+/);
  const headers = {};
  for (; i < lines.length && lines[i].trim(); i++) {
    const colon = lines[i].indexOf(":");
    headers[lines[i].slice(0, colon).trim()] = lines[i].slice(colon + 1).trim();
  }
  const rest = lines.slice(i + 1).join("\n").trim();
  const expected = directives.expect ? directives.expect.split("|").map(Number) : null;
  const until = directives.until ? /^(\S+)\s+(.+)$/.exec(directives.until) : null;

  const deadline = Date.now() + 5 * 60_000;
  let response, body;
  for (;;) {
    const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, substitute(v)]));
    let payload;
    if (rest.startsWith("<")) payload = readFileSync(resolve(dirname(file), rest.slice(1).trim()));
    else if (rest) payload = substitute(rest);
    response = await fetch(substitute(url), { method, headers: h, body: payload });
    const raw = await response.text();
    try { body = raw ? JSON.parse(raw) : null; } catch { body = raw; }
    if (!until || until[2].split("|").includes(String(path(body, until[1])))) break;
    if (Date.now() > deadline) throw new Error(`${title}: ${until[1]} never became ${until[2]} (last: ${JSON.stringify(body)})`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  count++;
  const ok = expected ? expected.includes(response.status) : response.status >= 200 && response.status < 300;
  const summary = typeof body === "object" && body ? JSON.stringify(body).slice(0, 160) : String(body ?? "").slice(0, 80);
  console.log(`${ok ? "ok  " : "FAIL"} ${response.status} ${method} ${title || url}  ${summary}`);
  if (!ok) {
    console.log(JSON.stringify(body, null, 2));
    process.exit(1);
  }
  if (directives.name) named[directives.name] = { body, headers: response.headers };
}
console.log(`${count} passed, 0 failed`);
