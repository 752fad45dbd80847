/* salvo dashboard: helpers shared by every page.
 *
 * Safety rule for all pages: data (titles, article text, actor names...) is untrusted. The DOM is
 * built with el(), which sets text through textContent and never uses innerHTML; links go through
 * safeHref(), which only lets http(s) URLs and same-site paths through.
 */
"use strict";

const S = (function () {
  const FILTER_KEYS = ["from", "to", "country", "kind", "actor", "weapon", "site", "status", "include_proposed", "pack"];
  const TOKEN_KEY = "salvo-write-token";
  const PAGES = [
    ["map", "/map", "Map"], ["timeline", "/timeline", "Timeline"], ["table", "/table", "Table"],
    ["review", "/review", "Review"], ["articles", "/articles", "Articles"], ["docs", "/docs", "API"],
  ];

  function safeHref(url) {
    if (typeof url !== "string" || !url) return null;
    if (url.startsWith("/") && !url.startsWith("//")) return url;
    try {
      const u = new URL(url);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  /* el("a", {cls, text, href, title, data: {...}, attrs: {...}, on: {click: fn}}, child, ...) */
  function el(tag, opts, ...children) {
    const node = document.createElement(tag);
    opts = opts || {};
    if (opts.cls) node.className = opts.cls;
    if (opts.text !== undefined && opts.text !== null) node.textContent = String(opts.text);
    if (opts.title) node.title = String(opts.title);
    if (opts.href !== undefined) {
      const h = safeHref(opts.href);
      if (h) node.setAttribute("href", h);
    }
    for (const [k, v] of Object.entries(opts.data || {})) if (v !== undefined && v !== null) node.dataset[k] = String(v);
    for (const [k, v] of Object.entries(opts.attrs || {})) {
      if (/^on/i.test(k) || k === "style" || k === "href" || k === "src") continue;
      if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const [k, fn] of Object.entries(opts.on || {})) node.addEventListener(k, fn);
    for (const c of children) add(node, c);
    return node;
  }

  function add(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) child.forEach((c) => add(node, c));
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }

  /* node.append() turns arrays and null into text; this flattens arrays and skips null/false. */
  function append(node, ...children) {
    for (const c of children) add(node, c);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  async function api(path, options) {
    options = options || {};
    const headers = { Accept: "application/json" };
    let body;
    if (options.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    if (options.auth) headers.Authorization = "Bearer " + (getToken() || "");
    const r = await fetch(path, { method: options.method || "GET", headers, body, credentials: "same-origin" });
    let data = null;
    try {
      data = await r.json();
    } catch (e) {
      data = null;
    }
    if (!r.ok) {
      const err = new Error((data && data.detail) || r.status + " " + r.statusText);
      err.status = r.status;
      throw err;
    }
    return data;
  }

  // ------------------------------------------------------------------ write token

  function getToken() {
    return sessionStorage.getItem(TOKEN_KEY) || "";
  }

  function setToken(t) {
    if (t) sessionStorage.setItem(TOKEN_KEY, t);
    else sessionStorage.removeItem(TOKEN_KEY);
    document.dispatchEvent(new CustomEvent("salvo-token"));
  }

  // `salvo serve` prints .../review#token=...: keep it for this tab and take it out of the address bar.
  (function tokenFromHash() {
    const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (m) {
      sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]));
      history.replaceState(null, "", location.pathname + location.search);
    }
  })();

  function tokenBox() {
    const box = el("div", { cls: "token-box", data: { testid: "token-box" } });
    function render() {
      clear(box);
      if (getToken()) {
        append(box, el("span", { cls: "ok", text: "Write token set for this tab." }), " ",
          el("button", { text: "Forget token", attrs: { type: "button" }, on: { click: () => setToken("") } }));
      } else {
        const input = el("input", { attrs: { type: "password", placeholder: "write token printed by salvo serve",
          "aria-label": "write token", autocomplete: "off", "data-testid": "token-input" } });
        const form = el("form", { on: { submit: (ev) => { ev.preventDefault(); setToken(input.value.trim()); } } },
          el("label", { text: "Token: " }), input, " ", el("button", { text: "Use token", attrs: { type: "submit" } }));
        append(box, form, el("div", { cls: "hint", text: "Write actions (confirm, reject, edit, merge, split) need the token "
          + "`salvo serve` printed at start-up. It is kept in this tab only (sessionStorage)." }));
      }
    }
    document.addEventListener("salvo-token", render);
    render();
    return box;
  }

  // ------------------------------------------------------------------ navigation

  function nav(active) {
    const header = document.getElementById("nav");
    if (!header) return;
    clear(header).append(
      el("a", { cls: "brand", href: "/", text: "salvo" }),
      el("nav", {}, PAGES.map(([key, href, label]) =>
        el("a", { href, text: label, cls: key === active ? "active" : "" }))),
    );
  }

  function message(node, text, kind) {
    clear(node).append(el("div", { cls: "msg " + (kind || "info"), text }));
  }

  // ------------------------------------------------------------------ filters in the URL

  function readFilter() {
    const q = new URLSearchParams(location.search);
    const f = {};
    for (const [k, v] of q.entries()) if (v !== "") f[k] = v;
    return f;
  }

  function query(f, extra) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(Object.assign({}, f, extra || {})))
      if (v !== undefined && v !== null && v !== "") q.set(k, v);
    return q.toString();
  }

  function onlyFilter(f) {
    const out = {};
    for (const k of FILTER_KEYS) if (f[k]) out[k] = f[k];
    return out;
  }

  function writeFilter(f) {
    const qs = query(f);
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
  }

  function select(name, label, options, value) {
    const s = el("select", { attrs: { name, "aria-label": label, "data-testid": "filter-" + name } },
      el("option", { text: label + ": any", attrs: { value: "" } }));
    for (const o of options) {
      const opt = el("option", { text: o.label, attrs: { value: o.value } });
      if (String(o.value) === String(value || "")) opt.selected = true;
      s.appendChild(opt);
    }
    if (value && !options.some((o) => String(o.value) === String(value))) {
      const opt = el("option", { text: value, attrs: { value } });
      opt.selected = true;
      s.appendChild(opt);
    }
    return s;
  }

  /* A filter form over the FILTER_KEYS; onChange(filter) on every change. */
  function filterForm(container, facets, f, onChange) {
    const counted = (list) => (list || []).map((x) => ({ value: x.value, label: x.value + " (" + x.count + ")" }));
    const input = (name, label, type) => el("input", { attrs: { name, type: type || "text", placeholder: label,
      "aria-label": label, "data-testid": "filter-" + name, value: f[name] || "" } });
    const form = el("form", { cls: "filters", attrs: { "data-testid": "filters" } },
      el("label", { text: "From " }, input("from", "from", "date")),
      el("label", { text: "To " }, input("to", "to", "date")),
      select("pack", "Theater", counted(facets.packs || []), f.pack),
      select("country", "Country", counted(facets.countries), f.country),
      select("kind", "Kind", [{ value: "attack", label: "attack" }, { value: "response", label: "response" }], f.kind),
      select("weapon", "Weapon", facets.all_weapons.map((w) => ({ value: w, label: w })), f.weapon),
      select("site", "Site", (facets.sites || []).map((s) => ({ value: s.value, label: s.label })), f.site),
      input("actor", "actor contains"),
      select("status", "Status", facets.all_statuses.concat(["all"]).map((s) =>
        ({ value: s, label: s === "all" ? "all, rejected too" : s })), f.status),
      el("label", { cls: "check", title: "proposed events have weak evidence and wait for review; "
        + "they are not part of the default record" },
        el("input", { attrs: { name: "include_proposed", type: "checkbox", value: "true",
          "data-testid": "filter-include_proposed", checked: f.include_proposed === "true" } }), " with proposed"),
      el("button", { text: "Reset", attrs: { type: "reset" } }),
    );
    const collect = () => {
      const out = {};
      for (const k of FILTER_KEYS) {
        const node = form.elements.namedItem(k);
        if (node && node.type === "checkbox") { if (node.checked) out[k] = node.value; }
        else if (node && node.value) out[k] = node.value;
      }
      return out;
    };
    form.addEventListener("change", () => onChange(collect()));
    form.addEventListener("submit", (ev) => { ev.preventDefault(); onChange(collect()); });
    form.addEventListener("reset", () => setTimeout(() => {
      for (const node of form.querySelectorAll("input")) {
        if (node.type === "checkbox") node.checked = false; else node.value = "";
      }
      onChange(collect());
    }, 0));
    clear(container).appendChild(form);
    return form;
  }

  // ------------------------------------------------------------------ formatting

  function cssToken(v) {
    return String(v || "unknown").toLowerCase().replace(/[^a-z0-9_]/g, "_");
  }

  function fmtDate(e) {
    if (e.date_label) return e.date_label;  // the server's label: "undated" rather than the whole theater period
    if (e.event_date) return e.event_date;
    if (e.date_earliest || e.date_latest) return (e.date_earliest || "?") + " – " + (e.date_latest || "?");
    return "date unknown";
  }

  function fmtCount(n) {
    return n === null || n === undefined ? "not reported" : String(n);
  }

  function fmtPlace(e) {
    const parts = [e.location, e.admin1, e.country].filter(Boolean);
    return parts.filter((p, i) => parts.indexOf(p) === i).join(", ") || "place unknown";
  }

  function fmtActor(e) {
    if (!e.actor1) return "unidentified";
    return e.actor1 + (e.actor1_basis && e.actor1_basis !== "unknown" ? " (" + e.actor1_basis + ")" : "");
  }

  function fmtWeapon(e) {
    return (e.munitions ? e.munitions + " × " : "") + (e.weapon || "unknown").replace("_", " ");
  }

  function eventHref(id) {
    return "/event/" + encodeURIComponent(id);
  }

  function articleHref(id) {
    return "/article/" + encodeURIComponent(id);
  }

  function statusBadge(status) {
    return el("span", { cls: "badge status-" + cssToken(status), text: status, attrs: status === "proposed"
      ? { title: "weak evidence: not in the default record until an analyst confirms it" } : {} });
  }

  /* Text with [start, end) spans wrapped in <mark>; overlapping spans are joined. */
  function highlighted(text, spans, markOpts) {
    const frag = document.createDocumentFragment();
    const ranges = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end)
      .map((s) => ({ start: s.start, end: s.end, items: [s] }))
      .sort((a, b) => a.start - b.start);
    const joined = [];
    for (const r of ranges) {
      const last = joined[joined.length - 1];
      if (last && r.start <= last.end) {
        last.end = Math.max(last.end, r.end);
        last.items.push(...r.items);
      } else joined.push(r);
    }
    let pos = 0;
    for (const r of joined) {
      if (r.start > pos) frag.appendChild(document.createTextNode(text.slice(pos, r.start)));
      frag.appendChild(el("mark", markOpts(r.items), text.slice(r.start, r.end)));
      pos = r.end;
    }
    if (pos < text.length) frag.appendChild(document.createTextNode(text.slice(pos)));
    return frag;
  }

  return {
    FILTER_KEYS, api, append, articleHref, clear, cssToken, el, eventHref, filterForm, fmtActor, fmtCount, fmtDate,
    fmtPlace, fmtWeapon, getToken, highlighted, message, nav, onlyFilter, query, readFilter, safeHref, setToken,
    statusBadge, tokenBox, writeFilter,
  };
})();
