// The filter form: read it, fill it, and keep it in the address bar so a view can be shared.
import { FILTER_FIELDS } from "./api.js";

export function readForm(form) {
  const data = new FormData(form);
  const filters = {};
  for (const name of FILTER_FIELDS) {
    const value = String(data.get(name) ?? "").trim();
    if (value) filters[name] = value;
  }
  return filters;
}

export function fillForm(form, filters) {
  for (const name of FILTER_FIELDS) {
    const input = form.elements.namedItem(name);
    if (input) input.value = filters[name] ?? "";
  }
}

export function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  const filters = {};
  for (const name of FILTER_FIELDS) if (params.get(name)) filters[name] = params.get(name);
  return filters;
}

export function writeHash(params) {
  const hash = params.toString();
  history.replaceState(null, "", hash ? `#${hash}` : location.pathname + location.search);
}

export function fillTypeSelects(form, taxonomy) {
  const typeSelect = form.elements.namedItem("event_type");
  const subSelect = form.elements.namedItem("sub_event_type");
  for (const type of Object.keys(taxonomy)) typeSelect.append(new Option(type, type));
  const fillSubs = () => {
    const keep = subSelect.value;
    subSelect.replaceChildren(new Option("any", ""));
    const types = typeSelect.value ? [typeSelect.value] : Object.keys(taxonomy);
    for (const type of types) for (const sub of taxonomy[type]) subSelect.append(new Option(sub, sub));
    subSelect.value = [...subSelect.options].some((o) => o.value === keep) ? keep : "";
  };
  typeSelect.addEventListener("change", fillSubs);
  fillSubs();
  return fillSubs;
}

export function fillDatalist(list, values) {
  list.replaceChildren(...values.map((v) => new Option(v, v)));
}
