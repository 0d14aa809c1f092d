// Wires the page: filters -> API -> map, timeline, summary, exports; clicks -> detail panel.
import { apiUrl, getJSON, isAbort, toParams } from "./api.js";
import { renderLegend } from "./colors.js";
import { createDetail } from "./detail.js";
import { fillDatalist, fillForm, fillTypeSelects, readForm, readHash, writeHash } from "./filters.js";
import { createMap } from "./map.js";
import { createTimeline } from "./timeline.js";

const $ = (id) => document.getElementById(id);

async function start() {
  const config = await getJSON("config", "api/config");
  const form = $("filters");
  const refillSubs = fillTypeSelects(form, config.taxonomy);
  const page = { filters: readHash(), config };
  fillForm(form, page.filters);
  refillSubs();
  renderLegend($("legend"));
  const refresh = (options) => load(page, options).catch(report);
  page.map = createMap($("map"), {
    tilesUrl: config.tiles_url, tilesAttribution: config.tiles_attribution, onSelect: (id) => page.detail.show(id),
  });
  page.timeline = createTimeline($("timeline"), { onBrush: (since, until) => brush(page, form, since, until, refresh) });
  page.detail = createDetail($("detail"), $("detail-body"), $("detail-close"), { onResize: () => page.map.map.invalidateSize() });
  wireForm(page, form, refresh, refillSubs);
  $("cluster").addEventListener("change", (e) => page.map.setClustered(e.target.checked));
  window.frontwatch = page; // for users' console scripts and the browser tests
  await refresh({ fit: true });
}

function wireForm(page, form, refresh, refillSubs) {
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    page.filters = readForm(form);
    refresh({ fit: true });
  });
  $("reset").addEventListener("click", () => {
    form.reset();
    refillSubs();
    page.filters = {};
    refresh({ fit: true });
  });
}

function brush(page, form, since, until, refresh) {
  page.filters = { ...readForm(form), since: since || "", until: until || "" };
  fillForm(form, page.filters);
  refresh({ fit: false });
}

async function load(page, { fit }) {
  const params = toParams(page.filters);
  writeHash(params);
  $("export-csv").href = apiUrl("api/events.csv", params);
  $("export-geojson").href = apiUrl("api/events.geojson", params);
  document.body.dataset.loading = "true";
  const limit = page.config.map_limit;
  const mapUrl = apiUrl("api/events.geojson", toParams(page.filters, { limit, sort: "-fatalities", fields: "map" }));
  const undatedUrl = apiUrl("api/stats", toParams({ ...page.filters, since: "", until: "" }));
  const statsUrl = apiUrl("api/stats", params);
  const dated = statsUrl === undatedUrl ? null : getJSON("stats", statsUrl);
  const [points, undatedStats, datedStats] = await Promise.all([
    getJSON("map", mapUrl), timelineStats(page, undatedUrl), dated,
  ]);
  const stats = datedStats || undatedStats;
  page.map.show(points, { fit });
  const weeks = undatedStats.by_week.filter((w) => w.week !== "unknown");
  page.timeline.update(weeks, { since: page.filters.since, until: page.filters.until });
  showSummary(points, stats);
  const countries = new Set(points.features.map((f) => f.properties.country).filter(Boolean));
  fillDatalist($("countries"), [...countries].sort());
  fillDatalist($("provinces"), undatedStats.by_admin1.map((a) => a.admin1).filter((a) => a !== "unknown"));
  document.body.dataset.loading = "false";
}

// The timeline shows every week for the other filters; brushing changes only the dates,
// so its counts are fetched again only when another filter changes.
async function timelineStats(page, url) {
  if (page.timelineCache?.url !== url) {
    page.timelineCache = { url, stats: await getJSON("timeline", url) };
  }
  return page.timelineCache.stats;
}

function showSummary(points, stats) {
  const located = points.features.length;
  const fmt = (n) => Number(n).toLocaleString("en");
  $("summary").textContent = `${fmt(stats.total.events)} events · ${fmt(stats.total.fatalities)} fatalities · ${fmt(located)} on the map`;
  $("summary").dataset.total = stats.total.events;
  const note = $("map-note");
  note.hidden = !points.truncated;
  if (points.truncated) {
    note.textContent = `The map shows the ${fmt(located)} events with the most fatalities of ${fmt(points.total)}. Narrow the filters or brush the timeline to see the rest.`;
  }
}

function report(error) {
  if (isAbort(error)) return;
  document.body.dataset.loading = "false";
  $("summary").textContent = `Error: ${error.message}`;
}

start().catch(report);
