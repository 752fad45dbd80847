/* Map: one marker per located event, colour = weapon, shape = outcome, clustered when dense.
 * Background: the bundled country outlines (works offline); OpenStreetMap tiles are added only
 * when a probe tile loads, otherwise the map stays on the outlines without complaint. */
"use strict";

(async function () {
  S.nav("map");
  const TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  const PROBE_TILE = "https://tile.openstreetmap.org/6/39/25.png"; // over Iraq
  // the theaters (GET /api/packs): the chosen pack frames the map, the server's pack by default
  let packs = { default: null, packs: [] };
  try { packs = await S.api("/api/packs"); } catch (e) { /* the map still shows the events */ }
  const view = (name) => (packs.packs.find((p) => p.name === (name || packs.default)) || {}).map
    || { center: [20, 40], zoom: 3, theater: [] };
  const OUTCOMES = { hit: "hit", damage: "damage", intercepted: "intercepted", no_damage: "no damage", unknown: "unknown" };
  const mapNode = document.getElementById("map");
  const summary = document.getElementById("summary");
  if (!window.L || !L.markerClusterGroup) {
    S.message(mapNode, "The map library is not installed (run `npm ci --ignore-scripts && python "
      + "scripts/build_web_assets.py`). The table and the API work without it.", "error");
    return;
  }

  const first = view(S.readFilter().pack);
  const THEATER = first.theater;
  const map = L.map(mapNode, { zoomSnap: 0.5, minZoom: 3, maxZoom: 17 }).setView(first.center, first.zoom);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: Natural Earth (world-atlas)");

  try {
    const outlines = await fetch("/static/vendor/countries.geojson").then((r) => r.json());
    L.geoJSON(outlines, {
      interactive: false,
      style: (f) => ({ className: "country" + (THEATER.includes(f.properties.name) ? " theater" : ""),
        weight: 1, fillOpacity: 1 }),
    }).addTo(map);
  } catch (e) {
    mapNode.classList.add("no-outlines");
  }

  // OpenStreetMap only when reachable: load one tile, add the layer on success, stay silent otherwise.
  (function probeTiles() {
    document.body.dataset.tiles = "probing";
    const img = new Image();
    let settled = false;
    const settle = (ok) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (ok) {
        L.tileLayer(TILE_URL, { maxZoom: 18, attribution: "© OpenStreetMap contributors" }).addTo(map);
        mapNode.classList.add("with-tiles");
      }
      document.body.dataset.tiles = ok ? "osm" : "offline";
    };
    const timer = setTimeout(() => settle(false), 4000);
    img.onload = () => settle(true);
    img.onerror = () => settle(false);
    img.referrerPolicy = "no-referrer";
    img.src = PROBE_TILE;
  })();

  const legend = L.control({ position: "bottomright" });
  legend.onAdd = function () {
    const box = S.el("div", { cls: "legend", attrs: { "data-testid": "legend" } }, S.el("strong", { text: "Weapon" }));
    for (const w of ["rocket", "drone", "missile", "mortar", "indirect_fire", "artillery", "ied", "gunfire", "air_strike", "unknown"])
      box.appendChild(S.el("div", {}, S.el("span", { cls: "mk-shape swatch w-" + w }), " " + w.replace("_", " ")));
    box.appendChild(S.el("strong", { text: "Outcome" }));
    for (const [o, label] of Object.entries(OUTCOMES))
      box.appendChild(S.el("div", {}, S.el("span", { cls: "mk-shape w-legend o-" + o }), " " + label));
    box.appendChild(S.el("strong", { text: "Status" }));
    box.appendChild(S.el("div", {}, S.el("span", { cls: "mk-shape w-legend o-hit s-proposed" }), " proposed (review)"));
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  legend.addTo(map);

  const cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 28, spiderfyOnMaxZoom: true });
  map.addLayer(cluster);

  function popup(e) {
    const row = (label, value) => S.el("tr", {}, S.el("th", { text: label }), S.el("td", { text: value }));
    return S.el("div", { cls: "popup", attrs: { "data-testid": "popup" } },
      S.el("div", { cls: "popup-title" }, S.el("strong", { text: S.fmtDate(e) }), " ", S.statusBadge(e.status)),
      S.el("table", {},
        row("Place", S.fmtPlace(e)),
        row("Actor", S.fmtActor(e)),
        row("Weapon", S.fmtWeapon(e)),
        row("Outcome", (e.outcome || "unknown").replace("_", " ")),
        row("Killed", S.fmtCount(e.killed)),
        row("Injured", S.fmtCount(e.injured)),
        row("Sources", String(e.sources.length))),
      S.el("a", { href: S.eventHref(e.event_id), text: "Open event →", attrs: { "data-testid": "popup-link" } }));
  }

  function marker(e) {
    const shape = S.el("span", { cls: "mk-shape w-" + S.cssToken(e.weapon) + " o-" + S.cssToken(e.outcome)
      + " s-" + S.cssToken(e.status), data: { eventId: e.event_id, date: e.event_date || "" } });
    const icon = L.divIcon({ className: "mk", html: shape, iconSize: [18, 18], iconAnchor: [9, 9], popupAnchor: [0, -8] });
    const m = L.marker([e.latitude, e.longitude], { icon, title: S.fmtDate(e) + " · " + S.fmtPlace(e), alt: e.weapon });
    m.bindPopup(() => popup(e), { maxWidth: 320 });
    return m;
  }

  async function load(f) {
    S.writeFilter(f);
    summary.textContent = "Loading…";
    let data;
    try {
      data = await S.api("/api/events?" + S.query(S.onlyFilter(f), { limit: 100000 }));
    } catch (err) {
      S.message(summary, "Could not load events: " + err.message, "error");
      return;
    }
    cluster.clearLayers();
    const v = view(f.pack);
    if (!located_any(data)) map.setView(v.center, v.zoom);
    const located = data.events.filter((e) => e.latitude !== null && e.longitude !== null);
    cluster.addLayers(located.map(marker));
    const missing = data.total - located.length;
    S.append(S.clear(summary), 
      S.el("strong", { text: String(located.length) }), located.length === 1 ? " event on the map" : " events on the map",
      missing ? " (" + missing + " without coordinates)" : "", " · ",
      S.el("a", { href: "/table?" + S.query(S.onlyFilter(f)), text: "as a table" }), " · ",
      S.el("a", { href: "/api/export.geojson?" + S.query(S.onlyFilter(f)), text: "GeoJSON" }));
    if (located.length) map.fitBounds(L.latLngBounds(located.map((e) => [e.latitude, e.longitude])).pad(0.3), { maxZoom: 8 });
    document.body.dataset.markers = String(located.length);
    document.body.dataset.ready = "1";
  }

  function located_any(data) {
    return data.events.some((e) => e.latitude !== null && e.longitude !== null);
  }

  let facets;
  try {
    facets = await S.api("/api/facets");
  } catch (err) {
    S.message(summary, "Could not reach the API: " + err.message, "error");
    return;
  }
  const filter = S.readFilter();
  S.filterForm(document.getElementById("filters"), facets, filter, load);
  load(filter);
})();
