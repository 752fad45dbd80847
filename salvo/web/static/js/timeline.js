/* Timeline: events per day or week by country; official cumulative tallies against the record's
 * cumulative count of attacks since the tallies' start date. */
"use strict";

(async function () {
  S.nav("timeline");
  const DAY = 86400000;
  // one colour per country: the theater countries of the packs (GET /api/packs) take the palette in
  // their order, so each keeps its colour from view to view; other countries take the rest
  const PALETTE = ["#c0392b", "#2e86c1", "#27ae60", "#8e44ad", "#d68910", "#566573", "#17a589", "#a04000"];
  const COLORS = {};
  const binSelect = document.getElementById("bin");
  const note = document.getElementById("cumulative-note");
  const talliesBox = document.getElementById("tallies");
  let state = S.readFilter();
  if (state.bin) binSelect.value = state.bin;
  let facets, tallies = [], charts = [];

  if (!window.Chart) {
    S.message(document.querySelector("main"), "The chart library is not installed (run `npm ci --ignore-scripts && "
      + "python scripts/build_web_assets.py`).", "error");
    return;
  }
  Chart.defaults.animation = false;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;

  const dayOf = (s) => Math.floor(Date.parse(s + "T00:00:00Z") / DAY);
  const iso = (d) => new Date(d * DAY).toISOString().slice(0, 10);
  const weekStart = (d) => d - ((new Date(d * DAY).getUTCDay() + 6) % 7); // Monday
  // Events dated only to a span longer than a month (e.g. "2019-2024") cannot be placed on a time axis.
  const dateOf = (e) => e.event_date || (e.date_earliest && e.date_latest
    && dayOf(e.date_latest) - dayOf(e.date_earliest) <= 31 ? e.date_earliest : null);
  let spare = 0;
  const color = (c) => COLORS[c] || (COLORS[c] = PALETTE[spare++ % PALETTE.length]);
  try {
    const packs = await S.api("/api/packs");
    packs.packs.forEach((p) => ((p.map || {}).theater || []).forEach(color));
  } catch (e) { /* colours are then given in the order countries appear */ }

  const monthOf = (d) => { const t = new Date(d * DAY); return Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1) / DAY; };
  const nextMonth = (d) => { const t = new Date(d * DAY); return Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1) / DAY; };

  function perBin(events, bin) {
    const dated = events.filter(dateOf);
    if (!dated.length) return { labels: [], datasets: [], bin };
    const days = dated.map((e) => dayOf(dateOf(e)));
    const lo0 = Math.min(...days), hi0 = Math.max(...days);
    if (bin === "auto") bin = hi0 - lo0 <= 62 ? "day" : hi0 - lo0 <= 730 ? "week" : "month";
    const slotOf = { day: (d) => d, week: weekStart, month: monthOf }[bin];
    const next = { day: (d) => d + 1, week: (d) => d + 7, month: nextMonth }[bin];
    const keys = days.map(slotOf);
    const slots = [];
    for (let d = slotOf(lo0); d <= hi0; d = next(d)) slots.push(d);
    const countries = [...new Set(dated.map((e) => e.country || "unknown"))].sort();
    const datasets = countries.map((c) => {
      const counts = new Map();
      dated.forEach((e, i) => { if ((e.country || "unknown") === c) counts.set(keys[i], (counts.get(keys[i]) || 0) + 1); });
      return { label: c, data: slots.map((d) => counts.get(d) || 0), backgroundColor: color(c), stack: "events" };
    });
    const label = { day: iso, week: (d) => "week of " + iso(d), month: (d) => iso(d).slice(0, 7) }[bin];
    return { labels: slots.map(label), datasets, bin };
  }

  /* The official counts that share one start date ("since Oct. 17") form the running series drawn
   * against the record; other counts are shown as loose points. */
  function cumulative(attacks, tallies) {
    const official = tallies.filter((t) => t.what === "attacks" && t.as_of);
    const bySince = new Map();
    for (const t of official) if (t.since) bySince.set(t.since, (bySince.get(t.since) || 0) + 1);
    const since = [...bySince.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : -1)).map((x) => x[0])[0] || null;
    const series = official.filter((t) => since && t.since === since).sort((a, b) => (a.as_of < b.as_of ? -1 : 1));
    const loose = official.filter((t) => !series.includes(t));
    const days = attacks.map(dateOf).filter(Boolean).filter((d) => !since || d >= since).map(dayOf).sort((a, b) => a - b);
    const record = [];
    if (since) record.push({ x: dayOf(since), y: 0 });
    days.forEach((d, i) => record.push({ x: d, y: i + 1 }));
    const lastDay = Math.max(...days, ...official.map((t) => dayOf(t.as_of)));
    if (record.length && isFinite(lastDay)) record.push({ x: lastDay, y: days.length });
    note.textContent = since
      ? "Record: attack events dated on or after " + since + " (the start of the official count), all countries. "
        + "Official: the running counts announced for attacks since " + since + ", on the day they were given; "
        + "counts with another or no stated start are loose points."
      : "No official tally with a start date yet; the record line counts every dated attack event.";
    return [
      { label: "record (attack events, cumulative)", data: record, stepped: true, borderColor: "#1f5fa8",
        backgroundColor: "#1f5fa8", pointRadius: 0, borderWidth: 2 },
      { label: "official count" + (since ? " since " + since : ""), data: series.map((t) => ({ x: dayOf(t.as_of), y: t.count })),
        borderColor: "#b3261e", backgroundColor: "#b3261e", pointRadius: 5, borderWidth: 2, borderDash: [6, 4] },
      { label: "record count in each tally's window", data: series.filter((t) => t.record_count !== null)
        .map((t) => ({ x: dayOf(t.as_of), y: t.record_count })), showLine: false, pointStyle: "rectRot",
      pointRadius: 6, borderColor: "#1f5fa8", backgroundColor: "#fff" },
      { label: "other official counts", data: loose.map((t) => ({ x: dayOf(t.as_of), y: t.count })), showLine: false,
        pointRadius: 4, borderColor: "#999", backgroundColor: "#ccc" },
    ];
  }

  function tallyTable(rows) {
    if (!rows.length) return S.el("p", { cls: "hint", text: "No official tallies found in the stored articles." });
    const head = ["As of", "What", "Official count", "Since", "Breakdown", "Speaker", "In the record", "Coverage", "Sources"];
    return S.el("div", { cls: "table-wrap" }, S.el("table", { cls: "data", attrs: { "data-testid": "tally-table" } },
      S.el("thead", {}, S.el("tr", {}, head.map((h) => S.el("th", { text: h })))),
      S.el("tbody", {}, rows.map((t) => S.el("tr", {},
        S.el("td", { text: t.as_of || "—" }),
        S.el("td", { text: t.what }),
        S.el("td", { cls: "num", text: (t.qualifier ? t.qualifier + " " : "") + t.count }),
        S.el("td", { text: t.since || "—" }),
        S.el("td", { text: Object.entries(t.breakdown || {}).map(([k, v]) => k + " " + v).join(", ") || "—" }),
        S.el("td", { text: t.speaker || "—" }),
        S.el("td", { cls: "num", text: t.record_count === null || t.record_count === undefined ? "—" : String(t.record_count) }),
        S.el("td", { cls: "num", text: t.ratio === null || t.ratio === undefined ? "—" : Math.round(t.ratio * 100) + "%" }),
        S.el("td", {}, (t.sources || [t.article_id]).map((a, i) => [i ? ", " : "",
          S.el("a", { href: S.articleHref(typeof a === "string" ? a : a.article_id), text: typeof a === "string" ? a : a.article_id })])))))));
  }

  async function load() {
    S.writeFilter(Object.assign({}, state, { bin: binSelect.value === "auto" ? undefined : binSelect.value }));
    let events, attacks;
    try {
      [events, attacks] = await Promise.all([
        S.api("/api/events?" + S.query(S.onlyFilter(state), { limit: 100000 })),
        S.api("/api/events?" + S.query({ kind: "attack" }, { limit: 100000 })),
      ]);
    } catch (err) {
      S.message(note, "Could not load events: " + err.message, "error");
      return;
    }
    charts.forEach((c) => c.destroy());
    const bins = perBin(events.events, binSelect.value);
    const undated = events.events.filter((e) => !dateOf(e)).length;
    document.getElementById("bins-note").textContent = events.events.length + " events" + (undated
      ? "; " + undated + " not drawn (date known only to more than a month)" : "")
      + (bins.bin ? "; one bar per " + bins.bin : "") + ". Events dated to a week or month count on its first day.";
    const fmtX = (v) => iso(v);
    charts = [
      new Chart(document.getElementById("per-bin"), {
        type: "bar", data: bins,
        options: { maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true,
          ticks: { precision: 0 }, title: { display: true, text: "events" } } } },
      }),
      new Chart(document.getElementById("cumulative"), {
        type: "line", data: { datasets: cumulative(attacks.events, tallies) },
        options: { maintainAspectRatio: false, parsing: false,
          scales: { x: { type: "linear", ticks: { callback: fmtX, maxTicksLimit: 10 } },
            y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "attacks (cumulative)" } } },
          plugins: { tooltip: { callbacks: { title: (items) => (items.length ? iso(items[0].parsed.x) : "") } } } },
      }),
    ];
    document.body.dataset.bars = String(bins.datasets.reduce((n, d) => n + d.data.reduce((a, b) => a + b, 0), 0));
    document.body.dataset.colors = bins.datasets.map((d) => d.label + " " + d.backgroundColor).join(";");
    document.body.dataset.ready = "1";
  }

  try {
    [facets, tallies] = await Promise.all([S.api("/api/facets"), S.api("/api/tallies").then((d) => d.tallies)]);
  } catch (err) {
    S.message(note, "Could not reach the API: " + err.message, "error");
    return;
  }
  S.clear(talliesBox).appendChild(tallyTable(tallies));
  S.filterForm(document.getElementById("filters"), facets, state, (f) => { state = f; load(); });
  binSelect.addEventListener("change", load);
  load();
})();
