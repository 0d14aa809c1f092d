// Colours by event type (colour-blind-safe Okabe-Ito hues) and marker size by fatalities.

export const TYPE_COLORS = {
  "Battles": "#d55e00",
  "Explosions/Remote violence": "#e69f00",
  "Violence against civilians": "#cc79a7",
  "Protests": "#009e73",
  "Riots": "#0072b2",
  "Strategic developments": "#56b4e9",
};
const OTHER = "#777777";

export function typeColor(eventType) {
  return TYPE_COLORS[eventType] || OTHER;
}

// Area grows with fatalities (diameter with the square root), capped so one event never hides a city.
export function markerDiameter(fatalities) {
  return Math.round(Math.min(42, 10 + 4 * Math.sqrt(Math.max(0, fatalities || 0))));
}

export function renderLegend(el) {
  el.replaceChildren();
  for (const [name, color] of Object.entries(TYPE_COLORS)) {
    const row = document.createElement("div");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = color;
    row.append(swatch, name);
    el.append(row);
  }
  const size = document.createElement("div");
  size.textContent = "Marker size: fatalities";
  el.append(size);
}
