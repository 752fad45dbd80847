/* Article page: /article/ID — the clean text with every event's evidence highlighted, and what cleaning removed. */
"use strict";

(async function () {
  S.nav("articles");
  const box = document.getElementById("article");
  const id = decodeURIComponent(location.pathname.replace(/^\/article\//, ""));
  let a;
  try {
    a = await S.api("/api/articles/" + encodeURIComponent(id));
  } catch (err) {
    S.message(box, err.status === 404 ? "No article " + id + "." : "Could not load the article: " + err.message, "error");
    return;
  }
  document.title = "salvo · article " + a.article_id;
  const spans = a.events.flatMap((e) => e.evidence.map((x) => Object.assign({ event_id: e.event_id }, x)));
  const link = S.safeHref(a.url);
  S.append(S.clear(box), 
    S.el("h1", { cls: "article-title", text: a.title || "(no title)" }),
    S.el("div", { cls: "meta hint" }, [a.outlet || "unknown outlet", a.published || "undated",
      a.dateline ? "dateline " + a.dateline : null, "id " + a.article_id].filter(Boolean).join(" · "),
    link ? [" · ", S.el("a", { href: link, text: "original", attrs: { rel: "noopener noreferrer", target: "_blank" } })] : null),
    a.duplicate_of ? S.el("p", {}, "Near-duplicate of ", S.el("a", { href: S.articleHref(a.duplicate_of), text: a.duplicate_of })) : null,
    S.el("h2", { text: "Events reported here" }),
    a.events.length ? S.el("ul", {}, a.events.map((e) => S.el("li", {},
      S.el("a", { href: S.eventHref(e.event_id), text: (e.event_date || "undated") + " · " + (e.location || "place unknown") + " · " + e.weapon }),
      " ", S.statusBadge(e.status)))) : S.el("p", { cls: "hint", text: "None." }),
    S.el("h2", { text: "Text" }),
    S.el("section", { cls: "card" }, S.el("div", { cls: "article-text", attrs: { "data-testid": "article-text" } },
      S.highlighted(a.text, spans, (items) => ({ cls: "evidence", title: "evidence for " + items.map((x) => x.event_id).join(", ") })))),
    a.removed.length ? [S.el("h2", { text: "Removed by cleaning" }), S.el("ul", {}, a.removed.map((r) =>
      S.el("li", {}, S.el("span", { cls: "badge", text: r.kind }), " ", r.text)))] : null);
  document.body.dataset.ready = "1";
})();
