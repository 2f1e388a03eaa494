// Natak Studio: sign in, credits and packs, characters from uploaded photos, image and video orders priced
// live by POST /api/quotes, every job followed live, results shown as they arrive, cancel, the credit journal.
import { ApiError, call, session, uploadFile } from "./api.js";
import { isTerminal, watchJob } from "./watch.js";

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

const state = {
  characters: [],
  jobs: new Map(),        // jobId → { view, card, controller }
  journalCursor: null,
  devSignIn: false,
};

// ---------- small helpers ----------

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const credits = (n) => `${n} credit${n === 1 ? "" : "s"}`;
const when = (iso) => new Date(iso).toLocaleString([], { dateStyle: "short", timeStyle: "short" });

function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

/** Shows an API problem as the API words it: its detail, and each field's messages next to the field. */
function showProblem(box, error, form) {
  if (form) {
    for (const field of $$(".field-error", form)) field.remove();
    for (const input of $$("[aria-invalid]", form)) input.removeAttribute("aria-invalid");
  }
  if (!box) return;
  if (!error) { box.hidden = true; box.replaceChildren(); return; }
  const problem = error instanceof ApiError ? error.problem : { detail: error.message };
  const errors = error instanceof ApiError ? error.errors : {};
  const list = el("ul");
  for (const [field, messages] of Object.entries(errors)) {
    for (const message of messages) list.append(el("li", {}, el("code", { text: field }), " ", message));
    const input = form && findField(form, field);
    if (input) {
      input.setAttribute("aria-invalid", "true");
      input.closest("label")?.append(el("span", { class: "field-error", text: messages.join(" ") }));
    }
  }
  box.replaceChildren(el("strong", { text: problem.detail || problem.title || "Something went wrong." }), list.children.length ? list : "");
  box.hidden = false;
}

function findField(form, field) {
  const name = field.replace(/^request\./, "").split(/[.[]/)[0];
  const aliases = { prompt: "text", idea: "text", outfit: "outfit", imageUrls: "photos" };
  return form.elements[name] || form.elements[aliases[name]] || null;
}

function banner(message, kind = "info") {
  const box = $("#banner");
  box.className = `banner ${kind}`;
  box.replaceChildren(el("span", { text: message }), el("button", { class: "link", text: "Dismiss", onclick: () => { box.hidden = true; } }));
  box.hidden = false;
}

// ---------- sign in ----------

async function signIn(userId, admin = false) {
  return call("/api/dev/sign-in", { method: "POST", body: { userId, admin }, token: null });
}

function showSignedIn(signedIn) {
  $("#signed-out").hidden = signedIn;
  $("#signed-in").hidden = !signedIn;
  $("#account").hidden = !signedIn;
  if (signedIn) $("#user-name").textContent = session.user || "";
}

$("#sign-in-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const box = $("[data-problem=sign-in]");
  try {
    const answer = await signIn(form.elements.userId.value.trim());
    session.set(answer.userId, answer.token);
    showProblem(box, null);
    await start();
  } catch (error) {
    if (error.status === 404) {
      showProblem(box, new Error("This server offers no development sign-in (it exists only on a dev host in Development). Sign in with an access token from your identity provider instead."));
    } else {
      showProblem(box, error, form);
    }
  }
});

$("#token-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  session.set(form.elements.userId.value.trim() || "you", form.elements.token.value.trim());
  await start();
});

$("#sign-out").addEventListener("click", () => {
  for (const job of state.jobs.values()) job.controller?.abort();
  state.jobs.clear();
  session.clear();
  $("#jobs").replaceChildren(el("p", { class: "muted", text: "Nothing ordered yet." }));
  showSignedIn(false);
});

// ---------- tabs ----------

function selectTab(name) {
  for (const tab of $$("[data-tab]")) tab.setAttribute("aria-selected", String(tab.dataset.tab === name));
  for (const panel of $$(".tab-panel")) panel.hidden = panel.id !== `tab-${name}`;
  if (name === "credits") loadCreditsPage();
  if (name === "characters") loadCharacters();
}

for (const tab of $$("[data-tab]")) tab.addEventListener("click", () => selectTab(tab.dataset.tab));
for (const link of $$("[data-go]")) link.addEventListener("click", () => selectTab(link.dataset.go));

// ---------- credits, packs, journal ----------

async function refreshCredits() {
  try {
    const balance = await call("/api/credits");
    $("#credits-available").textContent = balance.available;
    $("#balance-available").textContent = balance.available;
    $("#balance-reserved").textContent = balance.reserved;
    $("#balance-total").textContent = balance.balance;
  } catch (error) {
    handleAuth(error);
  }
}

// Back from a paid checkout: the pack is credited when Stripe's event reaches Natak, which may be after the page
// loaded, so the balance is read again every 2 s until it changes (for at most a minute).
async function awaitPurchasedCredits() {
  const before = $("#credits-available").textContent;
  for (let i = 0; i < 30; i++) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await refreshCredits();
    if ($("#credits-available").textContent !== before) {
      loadCreditsPage();
      return;
    }
  }
}

async function loadCreditsPage() {
  await refreshCredits();
  const pricing = await call("/api/pricing", { token: null });
  $("#packs").replaceChildren(...pricing.packs.map((pack) => el("div", { class: "pack" },
    el("div", { class: "pack-name", text: pack.key }),
    el("div", { class: "big", text: credits(pack.credits) }),
    el("div", { class: "muted", text: `$${pack.priceUsd} · $${pack.usdPerCredit} per credit` }),
    el("button", { class: "primary", "data-pack": pack.key, text: `Buy ${pack.key}`, onclick: () => buyPack(pack.key) }))));
  $("#dev-credits").hidden = !state.devSignIn;
  state.journalCursor = null;
  $("#journal-rows").replaceChildren();
  await loadJournal();
}

async function buyPack(pack) {
  const box = $("[data-problem=packs]");
  try {
    const checkout = await call("/api/credits/checkout", { method: "POST", body: { pack } });
    window.location.assign(checkout.url);
  } catch (error) {
    if (error.status === 404 && error.problem.code === "not_found" && /route/i.test(error.problem.detail || "")) {
      showProblem(box, new Error("Buying packs is not available on this server yet: its checkout route (POST /api/credits/checkout) is not served. Prices above are the current catalogue."));
    } else {
      showProblem(box, error);
    }
  }
}

$("#grant-dev-credits").addEventListener("click", async () => {
  const box = $("[data-problem=packs]");
  try {
    const admin = await signIn("studio-dev-admin", true);
    await call("/api/admin/credits/grants", {
      method: "POST", token: admin.token,
      body: { userId: session.user, credits: 500, reason: "Natak Studio development credits", grantId: `studio-${session.user}-${crypto.randomUUID()}` },
    });
    showProblem(box, null);
    await loadCreditsPage();
  } catch (error) {
    showProblem(box, error);
  }
});

const JOURNAL_WORDS = { purchase: "Pack bought", grant: "Credits granted", hold: "Reserved for a job", capture: "Charged", release: "Released", expire: "Hold expired", adjust: "Adjustment" };

/** The entry's effect on the balance: packs and grants add, charges subtract, holds only set credits aside. */
function journalAmount(entry) {
  const change = { purchase: entry.amount, grant: entry.amount, capture: -entry.amount, adjust: entry.amount }[entry.kind];
  if (change === undefined) return el("td", { class: "num muted", text: `(${entry.amount})`, title: "set aside or given back; the balance does not change" });
  return el("td", { class: `num ${change < 0 ? "negative" : ""}`, "data-change": change, text: change > 0 ? `+${change}` : `−${-change}` });
}

async function loadJournal() {
  const query = new URLSearchParams({ limit: "20" });
  if (state.journalCursor) query.set("cursor", state.journalCursor);
  const page = await call(`/api/credits/entries?${query}`);
  $("#journal-rows").append(...page.items.map((entry) => el("tr", { "data-kind": entry.kind },
    el("td", { text: when(entry.createdAt) }),
    el("td", { text: JOURNAL_WORDS[entry.kind] || entry.kind, title: entry.reason || "" }),
    el("td", { class: "mono", text: entry.jobId || entry.reference || "" }),
    journalAmount(entry),
    el("td", { class: "num", text: entry.balanceAfter }))));
  state.journalCursor = page.nextCursor || null;
  $("#journal-more").hidden = !state.journalCursor;
}

$("#journal-more").addEventListener("click", loadJournal);

// ---------- characters ----------

async function loadCharacters() {
  try {
    const answer = await call("/api/characters");
    state.characters = answer.characters || [];
  } catch (error) {
    handleAuth(error);
    return;
  }
  for (const select of $$("[data-characters]")) {
    const chosen = select.value;
    const none = select.options[0];
    select.replaceChildren(none, ...state.characters.map((c) => el("option", { value: c.characterId, text: c.name })));
    select.value = state.characters.some((c) => c.characterId === chosen) ? chosen : "";
  }
  const list = $("#character-list");
  if (!state.characters.length) {
    list.replaceChildren(el("p", { class: "muted", text: "No characters yet." }));
    return;
  }
  list.replaceChildren(...state.characters.map((c) => el("div", { class: "character", "data-character": c.characterId },
    el("div", { class: "thumbs" }, ...(c.referenceImages || []).map((image) => el("img", { src: image.url, alt: `${c.name} reference`, loading: "lazy" }))),
    el("div", {}, el("strong", { text: c.name }), " ", el("span", { class: "muted", text: `trigger word ${c.triggerWord} · ${c.trainingSteps} steps` })))));
}

const characterForm = $("#character-form");
let characterPhotos = [];

characterForm.elements.photos.addEventListener("change", async (event) => {
  const files = [...event.target.files];
  const list = $("[data-uploads]", characterForm);
  const box = $("[data-problem]", characterForm);
  characterPhotos = [];
  $("[data-submit]", characterForm).disabled = true;
  list.replaceChildren(...files.map((file) => el("li", { "data-upload": file.name },
    el("img", { src: URL.createObjectURL(file), alt: "" }), el("span", { class: "upload-state", text: "uploading…" }))));
  try {
    showProblem(box, null, characterForm);
    const tickets = await Promise.all(files.map(async (file, i) => {
      const ticket = await uploadFile(file);
      list.children[i].classList.add("done");
      $(".upload-state", list.children[i]).textContent = "uploaded";
      return ticket;
    }));
    characterPhotos = tickets.map((t) => t.url);
    await quoteCharacter();
  } catch (error) {
    showProblem(box, error, characterForm);
  }
});

characterForm.elements.name.addEventListener("input", debounce(() => quoteCharacter(), 300));

function characterRequest() {
  return { name: characterForm.elements.name.value.trim(), imageUrls: characterPhotos };
}

async function quoteCharacter() {
  if (!characterPhotos.length) return;
  await quote(characterForm, "character", characterRequest(), "Train character");
}

characterForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const view = await order(characterForm, "/api/characters", characterRequest());
  if (view) {
    characterForm.reset();
    characterPhotos = [];
    $("[data-uploads]", characterForm).replaceChildren();
    $("[data-quote]", characterForm).replaceChildren();
    $("[data-submit]", characterForm).disabled = true;
  }
});

// ---------- images and videos ----------

const imageForm = $("#image-form");
const videoForm = $("#video-form");

function describe(form, request) {
  const text = form.elements.text.value.trim();
  if (text) request[form.elements.mode.value] = text;
  return request;
}

function imageRequest() {
  const f = imageForm.elements;
  const request = describe(imageForm, { model: f.model.value, count: Number(f.count.value) || 1 });
  if (f.characterId.value) request.characterId = f.characterId.value;
  if (f.outfit.value.trim()) request.outfit = { description: f.outfit.value.trim() };
  if (f.upscale.value) request.upscale = Number(f.upscale.value);
  return request;
}

function videoRequest() {
  const f = videoForm.elements;
  const request = describe(videoForm, { model: f.model.value });
  if (f.characterId.value) request.characterId = f.characterId.value;
  if (f.resolution.value) request.resolution = f.resolution.value;
  if (f.durationSeconds.value) request.durationSeconds = Number(f.durationSeconds.value);
  if (f.audio.checked) request.audio = true;
  return request;
}

for (const [form, kind, build, verb, path] of [
  [imageForm, "image", imageRequest, "Order images", "/api/images"],
  [videoForm, "video", videoRequest, "Order video", "/api/videos"],
]) {
  const requote = debounce(() => quote(form, kind, build(), verb), 300);
  form.addEventListener("input", requote);
  form.addEventListener("change", (event) => {
    if (event.target.name === "mode") $("[data-mode-label]", form).textContent = event.target.value === "idea" ? "Your idea" : "Prompt";
    requote();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    await order(form, path, build());
  });
}

/** Prices the request exactly as the start route will (POST /api/quotes) and shows it before anything is paid. */
async function quote(form, kind, request, verb) {
  const box = $("[data-problem]", form);
  const quoteBox = $("[data-quote]", form);
  const submit = $("[data-submit]", form);
  try {
    const answer = await call("/api/quotes", { method: "POST", body: { kind, request } });
    showProblem(box, null, form);
    quoteBox.replaceChildren(el("span", { class: "price", "data-credits": answer.credits, text: credits(answer.credits) }),
      el("span", { class: "muted", text: answer.outputCount > 1 ? ` · ${answer.outputCount} × ${credits(answer.creditsPerOutput)}` : "" }));
    submit.textContent = `${verb} · ${credits(answer.credits)}`;
    submit.disabled = false;
    form.dataset.quoted = String(answer.credits);
  } catch (error) {
    quoteBox.replaceChildren();
    submit.textContent = verb;
    delete form.dataset.quoted;
    showProblem(box, error, form);
  }
}

async function order(form, path, request) {
  const box = $("[data-problem]", form);
  const submit = $("[data-submit]", form);
  submit.disabled = true;
  try {
    const view = await call(path, { method: "POST", body: request, headers: { "Idempotency-Key": crypto.randomUUID() } });
    showProblem(box, null, form);
    addJob(view, Number(form.dataset.quoted));
    await refreshCredits();
    return view;
  } catch (error) {
    showProblem(box, error, form);
    return null;
  } finally {
    submit.disabled = false;
  }
}

// ---------- jobs ----------

const KIND_WORDS = { image: "Images", video: "Video", character: "Character" };
const WAITING_WORDS = { provider_limit: "waiting for the provider's capacity", storage: "saving results", queue: "waiting in the queue" };

function progressText(view) {
  const p = view.progress;
  if (view.status === "queued") return view.progress?.queuePosition ? `Queued · position ${p.queuePosition}` : "Queued";
  if (!p) return view.status === "running" ? "Starting…" : "";
  const parts = [p.label || `${p.step.replaceAll("_", " ")} · step ${p.completedSteps} of ${p.totalSteps}`];
  if (p.queuePosition) parts.push(`position ${p.queuePosition} in the queue`);
  if (p.waitingFor) parts.push(WAITING_WORDS[p.waitingFor] || p.waitingFor);
  return parts.join(" · ");
}

function percent(view) {
  if (view.status === "succeeded") return 100;
  const p = view.progress;
  if (!p) return 0;
  if (typeof p.percent === "number") return p.percent;
  return p.totalSteps ? Math.round((100 * p.completedSteps) / p.totalSteps) : 0;
}

function addJob(view, quoted) {
  if (state.jobs.has(view.jobId)) return;
  $(".muted", $("#jobs"))?.remove();
  const card = el("article", { class: "job", "data-job": view.jobId });
  const entry = { view, card, controller: null, quoted: Number.isFinite(quoted) ? quoted : null };
  state.jobs.set(view.jobId, entry);
  $("#jobs").prepend(card);
  renderJob(entry);
  if (!isTerminal(view)) follow(entry);
}

function follow(entry) {
  entry.controller = new AbortController();
  watchJob(entry.view.jobId, (view) => { entry.view = view; renderJob(entry); }, entry.controller.signal)
    .then(() => refreshCredits())
    .catch((error) => { entry.error = error; renderJob(entry); });
}

function renderJob({ view, card, quoted, error }) {
  card.dataset.status = view.status;
  const c = view.credits || { reserved: 0, charged: 0, refunded: 0 };
  const header = el("header", {},
    el("strong", { text: KIND_WORDS[view.kind] || view.kind }),
    el("span", { class: `status ${view.status}`, "data-status": view.status, text: view.status }),
    el("span", { class: "muted small", text: when(view.createdAt) }));
  const bar = el("div", { class: "bar", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": String(percent(view)) },
    el("div", { style: `width:${percent(view)}%` }));
  const money = el("div", { class: "money small", "data-charged": c.charged },
    quoted !== null && quoted !== undefined ? `Quoted ${credits(quoted)} · ` : "",
    `reserved ${c.reserved} · charged ${c.charged} · refunded ${c.refunded}`);
  const parts = [header];
  if (!isTerminal(view)) parts.push(el("div", { class: "progress-text", "data-progress": true, text: progressText(view) }), bar);
  parts.push(money);
  if (view.error && view.status !== "succeeded") parts.push(el("div", { class: "job-error", text: view.error.message || view.error.code }));
  if (error) parts.push(el("div", { class: "job-error", text: error.message }));
  parts.push(renderResult(view));
  if (!isTerminal(view)) parts.push(el("button", { class: "danger small", "data-cancel": true, text: "Cancel", onclick: () => cancel(view.jobId) }));
  card.replaceChildren(...parts);
}

function renderResult(view) {
  const r = view.result;
  if (!r) return "";
  if (r.video?.url) {
    return el("div", { class: "result" }, el("video", { src: r.video.url, controls: true, playsinline: true, preload: "metadata" }));
  }
  const images = r.images || r.referenceImages || [];
  const grid = el("div", { class: "result grid" }, ...images.map((image) => el("a", { href: image.url, target: "_blank", rel: "noopener" },
    el("img", { src: image.url, alt: r.prompt || "result", loading: "lazy" }))));
  if (r.failures?.length) grid.append(el("p", { class: "muted small", text: `${r.failures.length} image(s) failed and were not charged.` }));
  if (view.kind === "character" && view.status === "succeeded") loadCharacters();
  return grid;
}

async function cancel(jobId) {
  const entry = state.jobs.get(jobId);
  try {
    entry.view = await call(`/api/jobs/${encodeURIComponent(jobId)}/cancel`, { method: "POST" });
    renderJob(entry);
  } catch (error) {
    entry.error = error;
    renderJob(entry);
  }
}

async function loadJobs() {
  try {
    const page = await call("/api/jobs?limit=20");
    for (const view of page.items.reverse()) {
      if (state.jobs.has(view.jobId)) continue;
      addJob(view);
    }
  } catch (error) {
    handleAuth(error);
  }
}

$("#refresh-jobs").addEventListener("click", loadJobs);

// ---------- start ----------

function handleAuth(error) {
  if (error?.status === 401) {
    session.clear();
    showSignedIn(false);
    banner("Your session ended; sign in again.", "warning");
    return;
  }
  banner(error?.message || String(error), "error");
}

async function detectDevSignIn() {
  try {
    await signIn("");
  } catch (error) {
    state.devSignIn = error.status === 400;
  }
  $("#sign-in-form").hidden = !state.devSignIn;
  $(".token-sign-in").open = !state.devSignIn;
}

async function start() {
  showSignedIn(true);
  await Promise.all([refreshCredits(), loadCharacters(), loadJobs()]);
  await quote(imageForm, "image", imageRequest(), "Order images");
}

(async function boot() {
  const params = new URLSearchParams(window.location.search);
  const checkout = params.get("checkout");
  if (checkout) {
    banner(checkout === "success" ? "Payment received: your credits arrive as soon as the payment is confirmed." : "Checkout cancelled: nothing was charged.", checkout === "success" ? "success" : "info");
    params.delete("checkout");
    history.replaceState(null, "", window.location.pathname + (params.size ? `?${params}` : ""));
  }
  await detectDevSignIn();
  if (session.token) {
    await start();
    if (checkout) selectTab("credits");
    if (checkout === "success") awaitPurchasedCredits();
  } else {
    showSignedIn(false);
  }
})();
