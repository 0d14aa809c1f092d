// The Leaflet map: offline outlines, an optional tile layer, and event markers (clustered or not).
/* global L */
import { markerDiameter, typeColor } from "./colors.js";

const START_VIEW = [[29.0, 33.0], [38.5, 48.0]]; // Levant and Iraq until events arrive

const COUNTRY_STYLE = { color: "#8d9aa6", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 };
const PROVINCE_STYLE = { color: "#8d9aa6", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 };

export function createMap(el, { tilesUrl, tilesAttribution, onSelect }) {
  const map = L.map(el, { minZoom: 2, maxZoom: 14, worldCopyJump: true, zoomSnap: 0.5 });
  map.fitBounds(START_VIEW);
  map.attributionControl.setPrefix("Leaflet");
  if (tilesUrl) {
    L.tileLayer(tilesUrl, { maxZoom: 18, attribution: tilesAttribution || "" }).addTo(map);
  } else {
    drawOutlines(map);
  }
  const view = { map, el, onSelect, layer: null, features: [], clustered: true };
  return {
    show: (collection, options) => show(view, collection, options),
    setClustered: (flag) => { view.clustered = flag; draw(view); },
    map,
  };
}

// Countries with province shapes are drawn from those (finer); the coarse world outline
// fills in the rest, so borders never come from two sources at once.
async function drawOutlines(map) {
  const [countries, provinces] = await Promise.all([
    fetchGeoJSON("static/countries.geojson"), fetchGeoJSON("outlines.geojson"),
  ]);
  const detailed = new Set((provinces?.features || []).map(countryCode));
  if (countries) {
    const coarse = (f) => !detailed.has(countryCode(f));
    L.geoJSON(countries, { style: COUNTRY_STYLE, filter: coarse, interactive: false }).addTo(map);
  }
  if (provinces) L.geoJSON(provinces, { style: PROVINCE_STYLE, interactive: false }).addTo(map);
  map.attributionControl.addAttribution("Outlines: Natural Earth, GeoNames (CC BY 4.0)");
  addLabels(map, countries, provinces);
}

// Names for orientation without tiles: countries when zoomed out, provinces when zoomed in,
// each only where its shape is wide enough on screen to hold the name.
const PROVINCE_ZOOM = 6;
const MIN_WIDTH_PX = { "fw-country-label": 80, "fw-province-label": 55 };

function addLabels(map, countries, provinces) {
  map.createPane("labels").style.zIndex = 450; // above outlines, under markers
  const labels = [...placeLabels(countries, "fw-country-label"), ...placeLabels(provinces, "fw-province-label")];
  const update = () => labels.forEach((label) => showIf(map, label.marker, fits(map, label)));
  map.on("zoomend", update);
  update();
}

function fits(map, label) {
  const near = map.getZoom() >= PROVINCE_ZOOM;
  if (near !== (label.className === "fw-province-label")) return false;
  const west = map.latLngToLayerPoint(label.bounds.getSouthWest());
  const east = map.latLngToLayerPoint(label.bounds.getNorthEast());
  return east.x - west.x >= MIN_WIDTH_PX[label.className];
}

function showIf(map, layer, visible) {
  if (visible && !map.hasLayer(layer)) map.addLayer(layer);
  if (!visible && map.hasLayer(layer)) map.removeLayer(layer);
}

function placeLabels(collection, className) {
  return (collection?.features || []).map((feature) => {
    const name = feature.properties.admin1 || feature.properties.name;
    const bounds = largestPart(feature);
    const icon = L.divIcon({ className, html: "", iconSize: null });
    const marker = L.marker(bounds.getCenter(), { icon, interactive: false, keyboard: false, pane: "labels" });
    marker.on("add", () => {
      const text = document.createElement("span");
      text.textContent = name; // a data value: never parsed as HTML
      marker.getElement().replaceChildren(text);
    });
    return { marker, bounds, className };
  });
}

// The bounds of the biggest polygon: a country's islands (or its part across the
// date line) must not pull its name into the sea.
function largestPart(feature) {
  const geometry = feature.geometry;
  const polygons = geometry.type === "MultiPolygon" ? geometry.coordinates : [geometry.coordinates];
  let best = null;
  for (const polygon of polygons) {
    const bounds = L.latLngBounds(polygon[0].map(([lon, lat]) => [lat, lon]));
    const area = (bounds.getEast() - bounds.getWest()) * (bounds.getNorth() - bounds.getSouth());
    if (!best || area > best.area) best = { bounds, area };
  }
  return best.bounds;
}

function countryCode(feature) {
  return feature.properties.iso_a2 || feature.properties.country;
}

async function fetchGeoJSON(url) {
  const response = await fetch(url);
  return response.ok ? response.json() : null;
}

function show(view, collection, { fit } = {}) {
  view.features = collection.features.filter((f) => f.geometry);
  draw(view);
  if (fit && view.features.length) {
    const bounds = L.latLngBounds(view.features.map(latLngOf));
    view.map.fitBounds(bounds.pad(0.2), { maxZoom: 8 });
  }
}

function latLngOf(feature) {
  const [lon, lat] = feature.geometry.coordinates;
  return [lat, lon];
}

function draw(view) {
  if (view.layer) view.map.removeLayer(view.layer);
  const layer = view.clustered ? newClusterGroup() : L.layerGroup();
  const markers = view.features.map((f) => eventMarker(f, view.onSelect));
  if (view.clustered) layer.addLayers(markers);
  else markers.forEach((m) => layer.addLayer(m));
  layer.addTo(view.map);
  view.layer = layer;
  // Tests and users' scripts read how many events the map holds.
  view.el.dataset.markers = String(markers.length);
}

function eventMarker(feature, onSelect) {
  const p = feature.properties;
  const size = markerDiameter(p.fatalities);
  const icon = L.divIcon({
    className: "fw-marker",
    iconSize: [size, size],
    html: "",
  });
  const marker = L.marker(latLngOf(feature), {
    icon, title: `${p.event_date || ""} ${p.sub_event_type} · ${p.location || ""}`, eventType: p.event_type,
    riseOnHover: true,
    zIndexOffset: -size * 20, // bigger discs sit under smaller ones, so both stay clickable
  });
  marker.on("add", () => {
    const node = marker.getElement();
    if (!node) return;
    node.style.background = typeColor(p.event_type);
    node.dataset.eventId = p.id;
    node.dataset.fatalities = p.fatalities;
  });
  marker.on("click", () => onSelect(p.id));
  return marker;
}

function newClusterGroup() {
  return L.markerClusterGroup({
    chunkedLoading: true,
    showCoverageOnHover: false,
    maxClusterRadius: 45,
    iconCreateFunction: clusterIcon,
  });
}

function clusterIcon(cluster) {
  const children = cluster.getAllChildMarkers();
  const counts = {};
  for (const m of children) counts[m.options.eventType] = (counts[m.options.eventType] || 0) + 1;
  const dominant = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
  const size = Math.round(Math.min(56, 24 + 6 * Math.log10(children.length + 1) * 2));
  const div = document.createElement("div");
  div.className = "fw-cluster";
  div.style.cssText = `width:${size}px;height:${size}px;background:${typeColor(dominant)}`;
  div.textContent = String(children.length);
  return L.divIcon({ html: div, className: "", iconSize: [size, size] });
}
