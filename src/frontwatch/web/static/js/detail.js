// The detail panel: one event, its claims and sources, and each article with the evidence marked.
import { getJSON } from "./api.js";
import { typeColor } from "./colors.js";

function node(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  Object.assign(element, props);
  element.append(...children.filter((c) => c !== null && c !== undefined));
  return element;
}

function joinList(value) {
  if (Array.isArray(value)) return value.filter(Boolean).join("; ");
  return value === null || value === undefined ? "" : String(value);
}

export function createDetail(panel, body, closeButton, { onResize }) {
  closeButton.addEventListener("click", () => { panel.hidden = true; onResize(); });
  return {
    async show(eventId) {
      if (panel.hidden) {
        panel.hidden = false;
        onResize();
      }
      body.replaceChildren(node("p", { textContent: "Loading…" }));
      try {
        const event = await getJSON("detail", `api/events/${encodeURIComponent(eventId)}`);
        body.replaceChildren(...renderEvent(event));
        await renderArticles(body, event);
      } catch (error) {
        if (error.name !== "AbortError") body.replaceChildren(node("p", { textContent: `Could not load: ${error.message}` }));
      }
    },
  };
}

function renderEvent(event) {
  const badge = node("span", { className: "badge", textContent: event.event_type });
  badge.style.background = typeColor(event.event_type);
  const title = node("h2", { textContent: `${event.sub_event_type} · ${event.event_date || "date unknown"}` });
  title.dataset.eventId = event.id;
  return [
    title, badge, facts(event),
    event.notes ? node("p", { className: "notes", textContent: event.notes }) : null,
    claimsTable(event.claims || []),
    mergeSection(event.explanation, event.conflicts),
  ].filter(Boolean);
}

function facts(event) {
  const place = [event.location, event.admin2, event.admin1, event.country].filter(Boolean).join(", ");
  const side = (main, assoc) => [main, joinList(assoc)].filter(Boolean).join(" with ");
  const rows = [
    ["Where", place + (event.geo_precision ? ` (precision ${event.geo_precision})` : "")],
    ["Actor 1", side(event.actor1, event.assoc_actor_1)],
    ["Actor 2", side(event.actor2, event.assoc_actor_2)],
    ["Fatalities", event.fatalities],
    ["Injuries", event.injuries],
    ["Sources", joinList(event.sources || event.source)],
    ["Reported by", joinList(event.reported_by)],
    ["Mentions", event.mention_count],
  ];
  const list = node("dl", { className: "facts" });
  for (const [label, value] of rows) {
    if (value === "" || value === null || value === undefined) continue;
    list.append(node("dt", { textContent: label }), node("dd", { textContent: String(value) }));
  }
  return list;
}

function claimsTable(claims) {
  if (!claims.length) return null;
  const table = node("table", { className: "claims" });
  table.append(node("tr", {}, ...["Field", "Value", "Claimant", "Party?"].map((h) => node("th", { textContent: h }))));
  for (const claim of claims) {
    const party = claim.party === true ? "yes" : claim.party === false ? "no" : "";
    const cells = [claim.field, claim.value, claim.claimant || "unattributed", party];
    table.append(node("tr", {}, ...cells.map((c) => node("td", { textContent: String(c ?? "") }))));
  }
  return node("section", {}, node("h3", { textContent: "Claims" }), table);
}

// The store explains each merge link ("same place, 1 day apart, ...") and lists conflicting values.
function mergeSection(explanation, conflicts) {
  const links = (explanation || []).map((link) => link.text || `${link.rule} (${link.score ?? ""})`);
  const disagreements = Object.entries(conflicts || {}).map(([field, values]) => `${field} differs between reports: ${joinList(values)}`);
  const lines = [...links, ...disagreements];
  if (!lines.length) return null;
  const list = node("ul", { className: "merge" }, ...lines.map((line) => node("li", { textContent: line })));
  return node("section", {}, node("h3", { textContent: "Why these reports are one event" }), list);
}

async function renderArticles(body, event) {
  const spansByArticle = new Map();
  for (const span of event.highlights || []) {
    if (!spansByArticle.has(span.article_id)) spansByArticle.set(span.article_id, []);
    spansByArticle.get(span.article_id).push(span);
  }
  const ids = [...new Set([...spansByArticle.keys(), ...(event.article_ids || [])])];
  if (!ids.length) return;
  body.append(node("h3", { textContent: ids.length > 1 ? `Articles (${ids.length})` : "Article" }));
  for (const id of ids) {
    const article = await getJSON(`article-${id}`, `api/articles/${encodeURIComponent(id)}`);
    body.append(renderArticle(article, spansByArticle.get(id) || []));
    if (id === ids[0]) body.querySelector(".article-text mark")?.scrollIntoView({ block: "center" });
  }
}

function renderArticle(article, spans) {
  const meta = [article.publisher || article.source, article.published].filter(Boolean).join(" · ");
  const title = article.url
    ? node("a", { href: article.url, target: "_blank", rel: "noopener noreferrer", textContent: article.title || article.url })
    : node("strong", { textContent: article.title || article.id });
  const text = node("div", { className: "article-text" }, ...highlight(article.text || "", spans));
  text.dataset.articleId = article.id;
  return node("section", { className: "article" }, title, node("div", { className: "article-meta", textContent: meta }), text);
}

// Text nodes and <mark> elements built from offsets: the article text is never parsed as HTML.
export function highlight(text, spans) {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  for (const span of sorted) {
    const start = Math.max(span.start, at);
    if (span.end <= start) continue;
    if (start > at) parts.push(document.createTextNode(text.slice(at, start)));
    const mark = node("mark", { textContent: text.slice(start, span.end), title: span.field || "evidence" });
    mark.dataset.field = span.field || "";
    parts.push(mark);
    at = span.end;
  }
  parts.push(document.createTextNode(text.slice(at)));
  return parts;
}
