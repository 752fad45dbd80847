/* Review: a queue of events (proposed ones first, then least confident first) and, for the one
 * picked, its evidence and the review actions. The filter and the picked event are kept in the URL. */
"use strict";

(async function () {
  S.nav("review");
  const queue = document.getElementById("queue");
  const detailBox = document.getElementById("detail");
  let state = S.readFilter();
  let facets;

  async function loadQueue() {
    S.writeFilter(state);
    let data;
    try {
      data = await S.api("/api/events?" + S.query(S.onlyFilter(state),
        { sort: state.sort || "confidence", limit: 500, include_proposed: "true" }));
    } catch (err) {
      S.message(queue, "Could not load events: " + err.message, "error");
      return;
    }
    // proposed events wait for a decision: they lead the queue, each part keeps the server's order
    const queued = data.events.filter((e) => e.status === "proposed").concat(data.events.filter((e) => e.status !== "proposed"));
    const nProposed = data.events.length - data.events.filter((e) => e.status !== "proposed").length;
    const rows = queued.map((e) => S.el("tr", {
      cls: "event-row" + (e.event_id === state.event ? " selected" : ""), data: { eventId: e.event_id, status: e.status },
      on: { click: () => { state.event = e.event_id; loadQueue(); loadDetail(); } },
    },
    S.el("td", { text: S.fmtDate(e) }),
    S.el("td", { text: e.location || e.country || "—" }),
    S.el("td", { text: S.fmtWeapon(e) }),
    S.el("td", { cls: "num", text: String(e.sources.length) }, e.conflicts.length ? S.el("span", { cls: "flag", text: " ≠",
      title: "sources disagree on " + e.conflicts.map((c) => c.field).join(", ") }) : null),
    S.el("td", { cls: "num", text: e.confidence.toFixed(2) }),
    S.el("td", {}, S.statusBadge(e.status)),
    // what lowered its confidence: why a proposed event is in the queue
    S.el("td", { cls: "hint", data: { field: "weak" }, text: (e.weak_evidence_text || []).join("; ") || "—" })));
    S.append(S.clear(queue), 
      S.el("div", { cls: "summary", attrs: { "data-testid": "queue-summary" }, text: data.total + " events ("
        + nProposed + " proposed, first), then least confident first · click one to review it" }),
      S.el("div", { cls: "table-wrap" }, S.el("table", { cls: "data", attrs: { "data-testid": "queue-table" } },
        S.el("thead", {}, S.el("tr", {}, ["Date", "Place", "Weapon", "Src", "Conf.", "Status", "Weak evidence"].map((h) => S.el("th", { text: h })))),
        S.el("tbody", {}, rows.length ? rows : S.el("tr", {}, S.el("td", { text: "Nothing to review with this filter.", attrs: { colspan: 7 } }))))));
    document.body.dataset.ready = "1";
  }

  async function loadDetail(result) {
    if (!state.event) return;
    let detail;
    try {
      detail = await S.api("/api/events/" + encodeURIComponent(state.event));
    } catch (err) {
      S.message(detailBox, err.status === 404 ? "Event " + state.event + " is gone (merged into another?)." : err.message, "error");
      return;
    }
    EV.render(detailBox, detail, facets, (r) => { loadQueue(); loadDetail(r); }, { reviewFirst: true });
    detailBox.prepend(S.el("p", {}, S.el("a", { href: S.eventHref(state.event), text: "Open the event page →" })));
    if (result) detailBox.prepend(S.el("div", { cls: "msg ok", attrs: { "data-testid": "flash" },
      text: result.action + " recorded (override #" + result.override_id + ")." }));
  }

  try {
    facets = await S.api("/api/facets");
  } catch (err) {
    S.message(queue, "Could not reach the API: " + err.message, "error");
    return;
  }
  S.filterForm(document.getElementById("filters"), facets, state, (f) => {
    state = Object.assign({ event: state.event, sort: state.sort }, f);
    loadQueue();
  });
  loadQueue();
  loadDetail();
})();
