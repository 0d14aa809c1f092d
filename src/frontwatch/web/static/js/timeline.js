// The weekly timeline: bars for events, a line for fatalities, drawn in SVG; drag to brush weeks.

const SVG = "http://www.w3.org/2000/svg";
const PAD = { left: 34, right: 34, top: 8, bottom: 18 };
const DAY = 86400000;

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function parseDay(iso) {
  return new Date(`${iso}T00:00:00Z`).getTime();
}

function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

// The store reports only weeks that have events; the axis needs every week in between.
export function fillWeeks(weeks) {
  if (!weeks.length) return [];
  const byStart = new Map(weeks.map((w) => [w.week, w]));
  const out = [];
  const last = parseDay(weeks[weeks.length - 1].week);
  for (let t = parseDay(weeks[0].week); t <= last; t += 7 * DAY) {
    const key = isoDay(t);
    out.push(byStart.get(key) || { week: key, events: 0, fatalities: 0 });
  }
  return out;
}

export function createTimeline(svg, { onBrush }) {
  const state = { weeks: [], range: null, drag: null };
  const redraw = () => draw(svg, state);
  svg.addEventListener("pointerdown", (e) => startDrag(svg, state, e));
  svg.addEventListener("pointermove", (e) => moveDrag(svg, state, e, redraw));
  svg.addEventListener("pointerup", (e) => endDrag(svg, state, e, onBrush));
  svg.addEventListener("dblclick", () => onBrush(null, null));
  new ResizeObserver(redraw).observe(svg);
  return {
    update(weeks, range) {
      state.weeks = fillWeeks(weeks);
      state.range = range;
      redraw();
    },
  };
}

function geometry(svg, count) {
  const width = svg.clientWidth || 600;
  const height = svg.clientHeight || 120;
  const inner = Math.max(1, width - PAD.left - PAD.right);
  return { width, height, step: inner / Math.max(1, count), plot: height - PAD.top - PAD.bottom };
}

function indexAt(svg, state, clientX) {
  const box = svg.getBoundingClientRect();
  const { step } = geometry(svg, state.weeks.length);
  const i = Math.floor((clientX - box.left - PAD.left) / step);
  return Math.max(0, Math.min(state.weeks.length - 1, i));
}

function startDrag(svg, state, event) {
  if (!state.weeks.length) return;
  svg.setPointerCapture(event.pointerId);
  const i = indexAt(svg, state, event.clientX);
  state.drag = { from: i, to: i };
}

function moveDrag(svg, state, event, redraw) {
  if (!state.drag) return;
  state.drag.to = indexAt(svg, state, event.clientX);
  redraw();
}

function endDrag(svg, state, event, onBrush) {
  if (!state.drag) return;
  const lo = Math.min(state.drag.from, state.drag.to);
  const hi = Math.max(state.drag.from, state.drag.to);
  state.drag = null;
  const since = state.weeks[lo].week;
  const until = isoDay(parseDay(state.weeks[hi].week) + 6 * DAY);
  onBrush(since, until);
}

function inRange(week, range) {
  if (!range || (!range.since && !range.until)) return true;
  const end = isoDay(parseDay(week) + 6 * DAY);
  return (!range.since || end >= range.since) && (!range.until || week <= range.until);
}

function draw(svg, state) {
  svg.replaceChildren();
  const weeks = state.weeks;
  if (!weeks.length) {
    svg.append(el("text", { x: 40, y: 50, class: "axis" }, "No events for these filters"));
    return;
  }
  const g = geometry(svg, weeks.length);
  const maxEvents = Math.max(1, ...weeks.map((w) => w.events));
  const maxFatal = Math.max(1, ...weeks.map((w) => w.fatalities));
  drawBars(svg, state, g, maxEvents);
  drawFatalities(svg, weeks, g, maxFatal);
  drawAxes(svg, weeks, g, maxEvents, maxFatal);
  if (state.drag) drawBrush(svg, state.drag, g);
}

function drawBars(svg, state, g, maxEvents) {
  state.weeks.forEach((w, i) => {
    const h = (w.events / maxEvents) * g.plot;
    const bar = el("rect", {
      x: PAD.left + i * g.step + 0.5, y: PAD.top + g.plot - h,
      width: Math.max(1, g.step - 1), height: h,
      class: inRange(w.week, state.range) ? "bar" : "bar out",
    });
    bar.append(el("title", {}, `week of ${w.week}: ${w.events} events, ${w.fatalities} fatalities`));
    svg.append(bar);
  });
}

function drawFatalities(svg, weeks, g, maxFatal) {
  const points = weeks.map((w, i) => {
    const x = PAD.left + (i + 0.5) * g.step;
    const y = PAD.top + g.plot - (w.fatalities / maxFatal) * g.plot;
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  svg.append(el("polyline", { points: points.join(" "), class: "fatal" }));
}

function drawAxes(svg, weeks, g, maxEvents, maxFatal) {
  const base = PAD.top + g.plot;
  svg.append(el("text", { x: PAD.left - 4, y: PAD.top + 8, class: "axis", "text-anchor": "end" }, maxEvents));
  svg.append(el("text", { x: PAD.left - 4, y: base, class: "axis", "text-anchor": "end" }, "0"));
  svg.append(el("text", { x: g.width - PAD.right + 4, y: PAD.top + 8, class: "axis" }, maxFatal));
  const every = Math.max(1, Math.ceil(weeks.length / Math.max(1, Math.floor(g.width / 90))));
  weeks.forEach((w, i) => {
    if (i % every) return;
    svg.append(el("text", { x: PAD.left + i * g.step, y: base + 13, class: "axis" }, w.week));
  });
}

function drawBrush(svg, drag, g) {
  const lo = Math.min(drag.from, drag.to);
  const hi = Math.max(drag.from, drag.to);
  svg.append(el("rect", {
    x: PAD.left + lo * g.step, y: PAD.top, width: (hi - lo + 1) * g.step, height: g.plot, class: "brush",
  }));
}
