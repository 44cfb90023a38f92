// The playground: checks as you type (debounced) through POST /v1/check.
// Offsets from the API count code points; JS strings count UTF-16 units, so the text
// is split with Array.from before any slicing.
"use strict";

const DEBOUNCE_MS = 300;
const VERDICT = { accept: "通过", revise: "需修改", reject: "驳回" };
const SEVERITY = { error: "错误", warning: "警告", info: "提示" };
// The slots a rewrite can leave open (Result.missing), as a person reads them.
const SLOT = { date: "日期", order_id: "订单号", amount: "金额", resolution: "解决结果", evidence: "凭证",
               agreement: "书面和解协议", consent: "商家同意", mistake: "填错的信息" };
// How the rewrite writes an open slot: X月X日, XXX, XX元, or a name in 【】.
const PLACEHOLDER = /X+月X+日|X{2,}元?|【[^】]*】/g;
const RANK = { info: 0, warning: 1, error: 2 };
const TOKEN_KEY = "reasonlint-token";

const $ = (id) => document.getElementById(id);
let timer = null;
let inFlight = null;
let seq = 0;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v; else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function request() {
  const body = { text: $("text").value, mode: $("mode").value };
  const complaint = $("complaint").value.trim();
  if (complaint) body.complaint = complaint;
  if ($("channel").value) body.channel = $("channel").value;
  return body;
}

function setStatus(text, isError) {
  $("status").textContent = text;
  $("status").classList.toggle("error", Boolean(isError));
}

async function check() {
  const body = request();
  if (!body.text.trim()) {
    clear();
    setStatus("输入理由后自动检查。");
    return;
  }
  if (inFlight) inFlight.abort();
  inFlight = new AbortController();
  const mine = ++seq;
  const headers = { "Content-Type": "application/json" };
  const token = sessionStorage.getItem(TOKEN_KEY) || $("token").value;
  if (token) headers.Authorization = "Bearer " + token;
  $("result").setAttribute("aria-busy", "true");
  setStatus("检查中…");
  try {
    const resp = await fetch("/v1/check", { method: "POST", headers, body: JSON.stringify(body),
                                            signal: inFlight.signal });
    const data = await resp.json();
    if (mine !== seq) return;            // a newer check is on its way
    if (resp.status === 401) {
      $("token-row").hidden = false;
      sessionStorage.removeItem(TOKEN_KEY);
      setStatus("这个服务需要访问令牌：请在上面填写。", true);
      return;
    }
    if (!resp.ok) {
      setStatus(data.error ? data.error.message : "检查失败（" + resp.status + "）", true);
      return;
    }
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    render(data);
  } catch (err) {
    if (err.name !== "AbortError") setStatus("无法连接服务：" + err.message, true);
  } finally {
    if (mine === seq) $("result").setAttribute("aria-busy", "false");
  }
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(check, DEBOUNCE_MS);
}

function clear() {
  for (const id of ["summary", "marked-title", "marked", "findings-title", "rewrite"]) $(id).hidden = true;
  $("findings").replaceChildren();
}

// Findings that cover the whole text are listed, not marked: marking all of it says nothing.
function spanFindings(data, length) {
  return data.findings.filter((f) => f.end > f.start && !(f.start === 0 && f.end >= length));
}

function renderMarked(data) {
  const chars = Array.from(data.text);
  const spans = spanFindings(data, chars.length);
  const cuts = new Set([0, chars.length]);
  for (const f of spans) { cuts.add(Math.min(f.start, chars.length)); cuts.add(Math.min(f.end, chars.length)); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = $("marked");
  out.replaceChildren();
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = chars.slice(a, b).join("");
    const covering = spans.filter((f) => f.start <= a && b <= f.end);
    if (!covering.length) { out.append(piece); continue; }
    const worst = covering.reduce((w, f) => (RANK[f.severity] > RANK[w.severity] ? f : w));
    const tip = el("span", { class: "tip", role: "tooltip", id: "tip-" + i },
                   covering.map((f) => f.code + " " + f.message).join("\n"));
    const mark = el("mark", { class: worst.severity, tabindex: "0", "aria-describedby": "tip-" + i,
                              "data-codes": covering.map((f) => f.code).join(" ") }, piece, tip);
    out.append(mark);
  }
  $("marked").hidden = $("marked-title").hidden = spans.length === 0;
}

function renderSuggestion(data) {
  const out = $("suggestion");
  out.replaceChildren();
  // Placeholders for what the reason lacks are marked for filling in.
  let last = 0;
  for (const m of data.suggestion.matchAll(PLACEHOLDER)) {
    out.append(data.suggestion.slice(last, m.index), el("mark", { class: "slot" }, m[0]));
    last = m.index + m[0].length;
  }
  out.append(data.suggestion.slice(last));
  const missing = data.missing.map((s) => SLOT[s] || s);
  $("missing").textContent = missing.length ? "还缺：" + missing.join("、") + "（改写中已用占位标出，请填上真实信息）" : "";
  $("missing").hidden = missing.length === 0;
  $("rewrite").hidden = data.verdict === "accept" && data.findings.length === 0;
  $("copied").textContent = "";
}

function render(data) {
  setStatus("");
  $("summary").hidden = false;
  $("score").textContent = data.score + " 分";
  const verdict = $("verdict");
  verdict.textContent = VERDICT[data.verdict] + "（" + data.verdict + "）";
  verdict.className = "verdict " + data.verdict;
  renderMarked(data);
  const list = $("findings");
  list.replaceChildren(...data.findings.map((f) => el("li", {},
    el("span", { class: "code" }, f.code), el("span", { class: "sev " + f.severity }, SEVERITY[f.severity]),
    f.message)));
  $("findings-title").hidden = data.findings.length === 0;
  if (!data.findings.length) setStatus("没有发现问题。");
  renderSuggestion(data);
}

async function copySuggestion() {
  const text = $("suggestion").textContent;
  try {
    await navigator.clipboard.writeText(text);
  } catch (err) {
    // Plain http on another host has no clipboard API: select the text for Ctrl+C.
    const range = document.createRange();
    range.selectNodeContents($("suggestion"));
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    if (!document.execCommand || !document.execCommand("copy")) {
      $("copied").textContent = "已选中，请按 Ctrl+C 复制";
      return;
    }
  }
  $("copied").textContent = "已复制";
}

document.addEventListener("DOMContentLoaded", () => {
  for (const id of ["text", "complaint", "token"]) $(id).addEventListener("input", schedule);
  for (const id of ["mode", "channel"]) $(id).addEventListener("change", schedule);
  $("form").addEventListener("submit", (e) => { e.preventDefault(); check(); });
  $("copy").addEventListener("click", copySuggestion);
  if ($("text").value.trim()) schedule();
});
