/* One event in full (used by the Event page and the Review page): fields, conflicting values side by
 * side, every source article with its evidence highlighted in context, edit history, and the review
 * actions (confirm, reject, edit, merge, split) that record the same overrides as the CLI. */
"use strict";

const EV = (function () {
  const el = S.el;

  function fields(e) {
    const rows = [
      ["Date", S.fmtDate(e) + (e.time_precision ? " (precision " + e.time_precision + ")" : "")],
      ["Kind", e.kind + " · " + e.event_type + " / " + e.sub_event_type],
      ["Weapon", S.fmtWeapon(e)],
      ["Outcome", (e.outcome || "unknown").replace("_", " ")],
      ["Actor", S.fmtActor(e)],
      ["Attacked side", e.actor2 || "—"],
      ["Target", e.target || "—"],
      ["Place", S.fmtPlace(e) + (e.site_id ? " [" + e.site_id + "]" : "")],
      ["Coordinates", e.latitude === null ? "—" : e.latitude.toFixed(4) + ", " + e.longitude.toFixed(4)
        + (e.geo_precision ? " (precision " + e.geo_precision + ")" : "")],
      ["Killed", S.fmtCount(e.killed)],
      ["Injured", S.fmtCount(e.injured)],
      ["Sources", e.sources.length + " (" + e.independent_sources + " independent)"],
      ["Confidence", e.confidence.toFixed(2)],
      // why the evidence is weak: what lowered the confidence (a proposed event waits for review because of it)
      ["Weak evidence", (e.weak_evidence_text || []).join("; ") || "—"],
      ["Event id", e.event_id],
    ];
    return el("dl", { cls: "fields", attrs: { "data-testid": "fields" } },
      rows.map(([k, v]) => [el("dt", { text: k }), el("dd", { text: v, data: { field: k.toLowerCase() } })]));
  }

  function conflicts(e) {
    if (!e.conflicts.length) return null;
    const width = Math.max(...e.conflicts.map((c) => c.values.length));
    const head = el("tr", {}, el("th", { text: "Field" }), el("th", { text: "Shown" }),
      Array.from({ length: width }, (_, i) => el("th", { text: "Source " + (i + 1) })));
    const rows = e.conflicts.map((c) => el("tr", { data: { field: c.field } },
      el("td", { text: c.field }),
      el("td", { cls: "chosen", text: c.chosen === null ? "not reported" : String(c.chosen) }),
      c.values.map((v) => el("td", {}, el("div", { text: v.value === null ? "not reported" : String(v.value) }),
        el("a", { cls: "hint", href: "#src-" + encodeURIComponent(v.article_id), text: v.article_id })))));
    return [el("h2", { text: "Sources disagree" }),
      el("p", { cls: "hint", text: "Every reported value with its source; the event shows the most conservative one." }),
      el("div", { cls: "table-wrap" }, el("table", { cls: "data conflicts", attrs: { "data-testid": "conflicts" } },
        el("thead", {}, head), el("tbody", {}, rows)))];
  }

  function source(s) {
    const meta = [s.outlet || "unknown outlet", s.published || "undated"];
    const link = S.safeHref(s.url);
    const card = el("section", { cls: "card source", attrs: { id: "src-" + encodeURIComponent(s.article_id),
      "data-testid": "source" }, data: { articleId: s.article_id } },
      el("h3", { cls: "source-title", text: s.title || "(no title)" }),
      el("div", { cls: "meta" }, meta.join(" · "), " · ",
        el("a", { href: S.articleHref(s.article_id), text: "article " + s.article_id }),
        link ? [" · ", el("a", { href: link, text: "original", attrs: { rel: "noopener noreferrer", target: "_blank" } })]
          : s.url ? [" · ", el("span", { cls: "hint", text: "url (not a web link): " + s.url })] : null));
    if (s.text === null) {
      card.appendChild(el("div", { cls: "msg error", text: "This article is no longer stored." }));
      return card;
    }
    const shown = s.evidence.filter((x) => x.located !== "missing");
    const lost = s.evidence.filter((x) => x.located === "missing");
    card.appendChild(el("div", { cls: "article-text", attrs: { "data-testid": "article-text" } },
      S.highlighted(s.text, shown, (items) => ({
        cls: "evidence" + (items.some((x) => x.located === "moved") ? " moved" : ""),
        title: "evidence for: " + [...new Set(items.flatMap((x) => x.supports))].join(", ")
          + (items.some((x) => x.located === "moved") ? " (found at another place than recorded)" : ""),
        data: { supports: [...new Set(items.flatMap((x) => x.supports))].join(" ") },
      }))));
    if (lost.length) card.appendChild(el("div", { cls: "msg error" }, "Evidence no longer found in this text: ",
      lost.map((x) => el("q", { text: x.text }))));
    return card;
  }

  function history(h) {
    if (!h.length) return el("p", { cls: "hint", text: "No analyst edits yet." });
    return el("ol", { cls: "history", attrs: { "data-testid": "history" } }, h.map((o) => el("li", {},
      el("strong", { text: o.action }),
      o.action === "edit" ? " " + o.field + " = " + JSON.stringify(o.value) : o.value ? " " + JSON.stringify(o.value) : "",
      " — ", o.reason || "no reason given", " ", el("span", { cls: "hint", text: "(" + (o.author || "?") + ", " + o.created_at + ", #" + o.override_id + ")" }))));
  }

  /* The review actions. onDone(result) after a successful write. */
  function reviewPanel(detail, facets, onDone) {
    const e = detail.event;
    const out = el("div", { attrs: { "aria-live": "polite", "data-testid": "review-result" } });
    const why = (required) => el("input", { attrs: { name: "why", placeholder: required ? "why (required)" : "why (optional)",
      "aria-label": "reason", required: required } });
    const submit = (label, cls) => el("button", { text: label, cls: cls || "", attrs: { type: "submit" } });

    function action(name, build, payload) {
      const form = el("form", { data: { action: name }, attrs: { "data-testid": "action-" + name } },
        el("span", { cls: "action", text: name }), build);
      form.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        if (!S.getToken()) { S.message(out, "Enter the write token first (top of the Review page).", "error"); return; }
        const body = payload(form);
        if (!body) return;
        body.why = form.elements.namedItem("why").value.trim() || null;
        for (const b of form.querySelectorAll("button")) b.disabled = true;
        try {
          const result = await S.api("/api/events/" + encodeURIComponent(e.event_id) + "/" + name,
            { method: "POST", body, auth: true });
          S.message(out, name + " recorded (override #" + result.override_id + "); it is re-applied after every re-run.", "ok");
          onDone(result);
        } catch (err) {
          S.message(out, name + " failed: " + err.message + (err.status === 401 ? " (check the token)" : ""), "error");
          if (err.status === 401) S.setToken("");
        } finally {
          for (const b of form.querySelectorAll("button")) b.disabled = false;
        }
      });
      return form;
    }

    const fieldSelect = el("select", { attrs: { name: "field", "aria-label": "field" } },
      facets.editable.map((f) => el("option", { text: f, attrs: { value: f } })));
    const current = el("span", { cls: "hint" });
    const showCurrent = () => { const v = e[fieldSelect.value]; current.textContent = "now: " + (v === null || v === undefined ? "—" : v); };
    fieldSelect.addEventListener("change", showCurrent);
    showCurrent();
    const mentionBoxes = detail.mentions.map((m) => el("label", {},
      el("input", { attrs: { type: "checkbox", name: "mention", value: m.mention_id } }),
      " " + m.mention_id + " (" + [m.event_date, m.location, m.weapon].filter(Boolean).join(", ") + ")"));

    return el("div", { cls: "review-panel", attrs: { "data-testid": "review-panel" } },
      el("h2", { text: "Review" }),
      S.tokenBox(),
      action("confirm", [why(false), submit("Confirm", "primary")], () => ({})),
      action("reject", [why(true), submit("Reject", "danger")], () => ({})),
      action("edit", [fieldSelect, current, el("input", { attrs: { name: "value", placeholder: "new value (empty = not reported)",
        "aria-label": "new value" } }), why(true), submit("Save edit")],
        (f) => ({ field: f.elements.namedItem("field").value, value: f.elements.namedItem("value").value })),
      action("merge", [el("input", { attrs: { name: "other", placeholder: "event id to merge into this one",
        "aria-label": "event to merge", required: true } }), why(true), submit("Merge")],
        (f) => ({ other: f.elements.namedItem("other").value.trim() })),
      detail.mentions.length > 1
        ? action("split", [el("span", { cls: "mentions" }, mentionBoxes), why(true), submit("Split off")], (f) => {
          const ids = [...f.querySelectorAll("input[name=mention]:checked")].map((x) => x.value);
          if (!ids.length) { S.message(out, "Tick the mentions to split off.", "error"); return null; }
          return { mention_ids: ids };
        })
        : el("p", { cls: "hint", text: "split: this event has a single mention." }),
      out);
  }

  /* opts.reviewFirst: the review actions right under the fields (Review page); else after the evidence. */
  function render(container, detail, facets, onDone, opts) {
    const e = detail.event;
    const review = reviewPanel(detail, facets, onDone);
    const first = opts && opts.reviewFirst;
    S.append(S.clear(container),
      el("h1", { cls: "event-title" }, el("span", { text: S.fmtWeapon(e) + " " + e.kind + " · " + (e.location || e.country || "place unknown")
        + " · " + S.fmtDate(e) }), " ", S.statusBadge(e.status)),
      fields(e),
      conflicts(e),
      first ? review : null,
      el("h2", { text: "Sources and evidence" }),
      el("p", { cls: "hint", text: "Each source article as stored (clean text); highlighted: the sentences that support this event." }),
      detail.sources.map(source),
      first ? null : review,
      el("h2", { text: "Edit history" }),
      history(detail.history));
  }

  return { render };
})();
