/* Event page: /event/ID */
"use strict";

(async function () {
  S.nav("");
  const box = document.getElementById("event");
  const id = decodeURIComponent(location.pathname.replace(/^\/event\//, ""));
  let facets;

  function flash(result) {
    const msg = S.el("div", { cls: "msg ok", attrs: { "data-testid": "flash" } },
      result.action + " recorded (override #" + result.override_id + "); it is re-applied after every re-run.");
    if (result.new_event_id)
      S.append(msg, " New event: ", S.el("a", { href: S.eventHref(result.new_event_id), text: result.new_event_id }));
    return msg;
  }

  async function load(result) {
    let detail;
    try {
      detail = await S.api("/api/events/" + encodeURIComponent(id));
    } catch (err) {
      S.message(box, err.status === 404 ? "No event " + id + " (it may have been merged into another; see the table)."
        : "Could not load the event: " + err.message, "error");
      document.body.dataset.ready = "1";
      return;
    }
    document.title = "salvo · " + S.fmtDate(detail.event) + " · " + (detail.event.location || detail.event.country || "event");
    EV.render(box, detail, facets, load);
    if (result) box.prepend(flash(result));
    document.body.dataset.ready = "1";
  }

  try {
    facets = await S.api("/api/facets");
  } catch (err) {
    S.message(box, "Could not reach the API: " + err.message, "error");
    return;
  }
  load();
})();
