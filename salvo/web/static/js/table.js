/* Table: filter and sort the events; the URL keeps filter, sort and page so a view can be shared. */
"use strict";

(async function () {
  S.nav("table");
  const PAGE = 50;
  const COLUMNS = [
    ["date", "Date", (e) => S.el("a", { href: S.eventHref(e.event_id), text: S.fmtDate(e) })],
    ["country", "Country", (e) => e.country || "—"],
    ["site", "Place", (e) => e.location || "—"],
    ["actor", "Actor", (e) => S.fmtActor(e)],
    ["weapon", "Weapon", (e) => S.fmtWeapon(e)],
    ["kind", "Kind", (e) => e.kind],
    ["outcome", "Outcome", (e) => (e.outcome || "").replace("_", " ")],
    ["killed", "Killed", (e) => (e.killed === null ? "—" : e.killed), "num"],
    ["injured", "Injured", (e) => (e.injured === null ? "—" : e.injured), "num"],
    ["sources", "Sources", (e) => [String(e.sources.length),
      e.conflicts.length ? S.el("span", { cls: "flag", title: "sources disagree on " + e.conflicts.map((c) => c.field).join(", "),
        text: " ≠" }) : null], "num"],
    ["status", "Status", (e) => S.statusBadge(e.status)],
    ["confidence", "Conf.", (e) => e.confidence.toFixed(2), "num"],
  ];
  const summary = document.getElementById("summary");
  const tableNode = document.getElementById("table");
  const pager = document.getElementById("pager");
  let state = S.readFilter();

  function header() {
    const sort = state.sort || "date";
    const key = sort.replace(/^-/, "");
    return S.el("tr", {}, COLUMNS.map(([k, label]) => {
      const cls = "sortable" + (k === key ? (sort.startsWith("-") ? " sorted-desc" : " sorted-asc") : "");
      return S.el("th", { cls, text: label, title: "sort by " + label.toLowerCase(), attrs: { "data-sort": k },
        on: { click: () => { state.sort = k === key && !sort.startsWith("-") ? "-" + k : k; state.offset = 0; load(); } } });
    }));
  }

  async function load() {
    if (!Number(state.offset)) delete state.offset;
    S.writeFilter(state);
    const filter = S.onlyFilter(state);
    const offset = Number(state.offset || 0);
    let data;
    try {
      data = await S.api("/api/events?" + S.query(filter, { sort: state.sort || "date", limit: PAGE, offset }));
    } catch (err) {
      S.message(tableNode, "Could not load events: " + err.message, "error");
      return;
    }
    const qs = S.query(filter);
    S.append(S.clear(summary), 
      S.el("strong", { text: String(data.total) }), data.total === 1 ? " event" : " events", " · download ",
      S.el("a", { href: "/api/export.csv" + (qs ? "?" + qs : ""), text: "CSV (ACLED columns)", attrs: { "data-testid": "export-csv" } }), ", ",
      S.el("a", { href: "/api/export.geojson" + (qs ? "?" + qs : ""), text: "GeoJSON" }), ", ",
      S.el("a", { href: "/api/export.jsonl" + (qs ? "?" + qs : ""), text: "JSONL" }), " · ",
      S.el("a", { href: "/map" + (qs ? "?" + qs : ""), text: "on the map" }));
    const rows = data.events.map((e) => S.el("tr", { cls: "event-row", data: { eventId: e.event_id, status: e.status } },
      COLUMNS.map(([k, , cell, cls]) => S.el("td", { cls: cls || "", data: { col: k } }, cell(e)))));
    S.clear(tableNode).appendChild(S.el("table", { cls: "data", attrs: { "data-testid": "events-table" } },
      S.el("thead", {}, header()), S.el("tbody", {}, rows.length ? rows
        : S.el("tr", {}, S.el("td", { text: "No event matches this filter.", attrs: { colspan: COLUMNS.length } })))));
    S.clear(pager);
    if (data.total > PAGE) {
      const go = (o) => { state.offset = o; load(); };
      S.append(pager, 
        S.el("button", { text: "← previous", attrs: { disabled: offset === 0 }, on: { click: () => go(Math.max(0, offset - PAGE)) } }),
        S.el("span", { text: (offset + 1) + "–" + Math.min(offset + PAGE, data.total) + " of " + data.total }),
        S.el("button", { text: "next →", attrs: { disabled: offset + PAGE >= data.total }, on: { click: () => go(offset + PAGE) } }));
    }
    document.body.dataset.ready = "1";
    document.body.dataset.rows = String(data.events.length);
  }

  let facets;
  try {
    facets = await S.api("/api/facets");
  } catch (err) {
    S.message(summary, "Could not reach the API: " + err.message, "error");
    return;
  }
  S.filterForm(document.getElementById("filters"), facets, state, (f) => {
    state = Object.assign({ sort: state.sort }, f, { offset: 0 });
    document.body.dataset.ready = "0";
    load();
  });
  load();
})();
