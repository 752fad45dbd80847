/* Articles: the stored reports, with what cleaning removed and how many events each supports. */
"use strict";

(async function () {
  S.nav("articles");
  const form = document.getElementById("search");
  const box = document.getElementById("articles");
  const summary = document.getElementById("summary");
  const state = S.readFilter();
  form.elements.namedItem("q").value = state.q || "";

  async function load() {
    S.writeFilter(state);
    let data;
    try {
      data = await S.api("/api/articles?" + S.query({ q: state.q }, { limit: 100000 }));
    } catch (err) {
      S.message(box, "Could not load articles: " + err.message, "error");
      return;
    }
    summary.textContent = data.total + (data.total === 1 ? " article" : " articles");
    const head = ["Published", "Title", "Outlet", "Relevant", "Events", "Removed by cleaning", "Near-duplicates"];
    S.clear(box).appendChild(S.el("table", { cls: "data", attrs: { "data-testid": "articles-table" } },
      S.el("thead", {}, S.el("tr", {}, head.map((h) => S.el("th", { text: h })))),
      S.el("tbody", {}, data.articles.map((a) => S.el("tr", { cls: "article-row", data: { articleId: a.article_id } },
        S.el("td", { text: a.published || "—" }),
        S.el("td", {}, S.el("a", { href: S.articleHref(a.article_id), text: a.title || a.article_id })),
        S.el("td", { text: a.outlet || "—" }),
        S.el("td", { text: a.relevant === null ? "—" : a.relevant ? "yes" : "no" }),
        S.el("td", { cls: "num", text: String(a.events) }),
        S.el("td", { text: Object.entries(a.removed).map(([k, n]) => n + " " + k).join(", ") || "—" }),
        S.el("td", {}, a.near_duplicates.map((o, i) => [i ? ", " : "", S.el("a", { href: S.articleHref(o), text: o })])))))));
    document.body.dataset.ready = "1";
  }

  form.addEventListener("submit", (ev) => { ev.preventDefault(); state.q = form.elements.namedItem("q").value.trim(); load(); });
  load();
})();
