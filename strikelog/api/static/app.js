/* strikelog map + timeline. Reads only the public JSON API (see /docs). */
"use strict";

(function () {
  const api = (path, params) => {
    const query = params ? "?" + new URLSearchParams(params).toString() : "";
    return fetch("api/" + path + query, { headers: { Accept: "application/json" } }).then(
      async (resp) => {
        const body = await resp.json().catch(() => null);
        if (!resp.ok) {
          const message = body && body.error ? body.error.message : resp.statusText;
          throw new Error(`${path}: ${message}`);
        }
        return body;
      }
    );
  };

  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined) continue;
      if (key === "class") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  };

  const statusBox = document.getElementById("status");
  const panel = document.getElementById("panel");
  const form = document.getElementById("filters");
  const setStatus = (text, isError) => {
    statusBox.textContent = text;
    statusBox.classList.toggle("error", Boolean(isError));
  };

  const HARM = ["killed", "injured", "children_killed", "children_injured", "casualties"];
  const HARM_LABEL = {
    killed: "Killed",
    injured: "Injured",
    children_killed: "Children killed",
    children_injured: "Children injured",
    casualties: "Casualties (not split)",
  };
  const QUALIFIER = {
    exact: "",
    at_least: "at least ",
    more_than: "more than ",
    about: "about ",
    up_to: "up to ",
    fewer_than: "fewer than ",
  };

  /* ---------- map ---------- */
  const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 14 }).setView(
    [49, 32],
    5
  );
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("GeoNames · Natural Earth");
  // The map's box changes as the timeline and panel lay out: keep Leaflet's idea of it true.
  new ResizeObserver(() => map.invalidateSize()).observe(document.getElementById("map"));
  const clusters = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
  map.addLayer(clusters);

  function drawOutlines(topology) {
    const countries = topojson.feature(topology, topology.objects.countries);
    L.geoJSON(countries, {
      interactive: false,
      style: { color: "#7a8591", weight: 0.8, fillColor: "#eef0e8", fillOpacity: 1 },
    }).addTo(map);
  }

  function markerSize(props) {
    const harm = (props.killed || 0) + (props.injured || 0) + (props.casualties || 0);
    return Math.round(12 + Math.min(36, 5 * Math.sqrt(harm)));
  }

  function markerFor(feature, latlng) {
    const props = feature.properties;
    const size = markerSize(props);
    const kind = props.killed ? "killed" : props.injured || props.casualties ? "injured" : "none";
    const icon = L.divIcon({
      className: "",
      html: `<span class="incident-marker harm-${kind}" data-incident-id="${props.id}"
               style="width:${size}px;height:${size}px"></span>`,
      iconSize: [size, size],
    });
    const label = [props.place_name || "unknown place", props.date || ""].join(" ").trim();
    return L.marker(latlng, { icon, title: label, alt: label, keyboard: true }).on("click", () =>
      showIncident(props.id)
    );
  }

  /* ---------- filters ---------- */
  function currentFilters() {
    const params = {};
    for (const [key, value] of new FormData(form).entries()) if (value) params[key] = value;
    return params;
  }

  function fillSelect(name, values) {
    const select = form.elements[name];
    for (const value of values) select.append(el("option", { value }, value));
  }

  /* ---------- incident panel ---------- */
  function sentenceAround(text, start, end) {
    // The sentence holding [start, end): back to the previous terminator, on to the next.
    const stops = /[.!?\n]/;
    let from = start;
    while (from > 0 && !(stops.test(text[from - 1]) && /\s/.test(text[from] || " "))) from -= 1;
    let to = end;
    while (to < text.length && !stops.test(text[to])) to += 1;
    if (to < text.length) to += 1;
    return { from, to };
  }

  function highlighted(text, from, to, spans) {
    // text[from:to] with every span inside it wrapped in <mark>.
    const parts = [];
    let at = from;
    for (const span of spans) {
      if (span.start < at || span.end > to) continue;
      parts.push(text.slice(at, span.start));
      parts.push(
        el(
          "mark",
          { class: "evidence", dataset: { start: span.start, end: span.end, field: span.field || "" } },
          text.slice(span.start, span.end)
        )
      );
      at = span.end;
    }
    parts.push(text.slice(at, to));
    return parts;
  }

  function figureText(fig) {
    if (!fig) return "—";
    let out = (QUALIFIER[fig.qualifier] || "") + fig.value;
    if (fig.high !== null && fig.high !== undefined && fig.high !== fig.value) out += `–${fig.high}`;
    return out;
  }

  async function showIncident(id) {
    for (const node of document.querySelectorAll(".incident-marker.selected")) node.classList.remove("selected");
    const chosen = document.querySelector(`.incident-marker[data-incident-id="${id}"]`);
    if (chosen) chosen.classList.add("selected");
    panel.replaceChildren(el("p", { class: "hint" }, "Loading incident…"));
    try {
      const inc = await api(`incidents/${id}`);
      const report = await api(`reports/${encodeURIComponent(inc.report.id)}`);
      renderIncident(inc, report);
    } catch (err) {
      panel.replaceChildren(el("p", { class: "error" }, String(err.message || err)));
    }
  }

  function renderIncident(inc, report) {
    const place = inc.place || {};
    const where = [place.name || (inc.near ? `near ${inc.near}` : "unknown place"), place.admin1, place.country]
      .filter(Boolean)
      .join(", ");
    const text = report.text;
    const figureRows = HARM.filter((name) => inc.figures[name]).map((name) => {
      const fig = inc.figures[name];
      const spans = fig.evidence.map((s) => ({ ...s, field: name }));
      const quotes = spans.map((span) => {
        const { from, to } = sentenceAround(text, span.start, span.end);
        return el("blockquote", { class: "sentence" }, highlighted(text, from, to, [span]));
      });
      return el(
        "tr",
        { dataset: { field: name } },
        el("th", {}, HARM_LABEL[name]),
        el("td", { class: "value" }, figureText(fig)),
        el("td", {}, quotes.length ? quotes : el("em", {}, "no evidence span"))
      );
    });
    const victims = inc.victims.map((v) =>
      el(
        "li",
        {},
        [
          v.age !== null ? `${v.age}-year-old` : v.age_months !== null ? `${v.age_months}-month-old` : null,
          v.sex,
          v.child ? "child" : null,
          v.outcome,
        ]
          .filter(Boolean)
          .join(" ")
      )
    );
    const allSpans = [];
    for (const name of HARM) {
      const fig = inc.figures[name];
      if (fig) for (const s of fig.evidence) allSpans.push({ ...s, field: name });
    }
    allSpans.sort((a, b) => a.start - b.start || b.end - a.end);
    const source = inc.report;
    const parts = [
      el("h2", {}, where),
      el(
        "p",
        { class: "meta" },
        [inc.date, inc.weapon, place.precision ? `precision: ${place.precision}` : null]
          .filter(Boolean)
          .join(" · ")
      ),
      inc.coarsened
        ? el("p", { class: "note" }, "Coordinates rounded: this incident is recent.")
        : null,
      inc.targets.length ? el("p", {}, el("strong", {}, "Sites: "), inc.targets.join(", ")) : null,
      figureRows.length
        ? el("table", { class: "figures" }, el("tbody", {}, figureRows))
        : el("p", {}, "No casualty figures reported."),
      victims.length ? el("div", {}, el("h3", {}, "Victims"), el("ul", {}, victims)) : null,
      el(
        "div",
        { class: "sources" },
        el("h3", {}, "Source"),
        el(
          "p",
          {},
          source.url && /^https?:\/\//i.test(source.url)
            ? el("a", { href: source.url, rel: "noopener noreferrer", target: "_blank" }, source.title || source.url)
            : source.title || source.id,
          source.published ? ` (${source.published})` : "",
          source.source ? ` — ${source.source}` : ""
        )
      ),
      el(
        "details",
        { class: "report-text" },
        el("summary", {}, "Report text with evidence highlighted"),
        el("div", { class: "text" }, highlighted(text, 0, text.length, allSpans))
      ),
    ];
    panel.replaceChildren(...parts.filter(Boolean));
  }

  /* ---------- timeline ---------- */
  const charts = {};
  function drawChart(key, container, days, seriesDefs) {
    const xs = days.map((d) => Date.parse(d.date + "T00:00:00Z") / 1000);
    const data = [xs, ...seriesDefs.map((s) => days.map((d) => d[s.key]))];
    const width = Math.max(300, container.clientWidth - 8);
    const opts = {
      width,
      height: 150,
      scales: { x: { time: true } },
      series: [{}, ...seriesDefs.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, fill: s.fill }))],
      axes: [{}, { size: 40 }],
      legend: { live: false },
    };
    if (charts[key]) charts[key].destroy();
    const holder = container.querySelector(".plot") || container.appendChild(el("div", { class: "plot" }));
    charts[key] = new uPlot(opts, data, holder);
  }

  function drawTimeline(days) {
    drawChart("harm", document.getElementById("chart-harm"), days, [
      { key: "killed", label: "killed", color: "#b2182b", fill: "rgba(178,24,43,0.15)" },
      { key: "injured", label: "injured", color: "#ef8a62" },
      { key: "children_killed", label: "children killed", color: "#67001f" },
    ]);
    drawChart("launch", document.getElementById("chart-launch"), days, [
      { key: "launched_drones", label: "drones launched", color: "#2166ac" },
      { key: "intercepted_drones", label: "drones intercepted", color: "#67a9cf" },
      { key: "launched_missiles", label: "missiles launched", color: "#5e3c99" },
      { key: "intercepted_missiles", label: "missiles intercepted", color: "#b2abd2" },
    ]);
  }

  /* ---------- loading ---------- */
  async function loadData() {
    const params = currentFilters();
    setStatus("Loading incidents…");
    const [geo, series] = await Promise.all([
      api("incidents.geojson", params),
      api("series/daily", params),
    ]);
    // The timeline sets the height left for the map: draw it first, then fit the markers.
    drawTimeline(series.days);
    map.invalidateSize();
    clusters.clearLayers();
    const layer = L.geoJSON(geo, { pointToLayer: markerFor });
    clusters.addLayers(layer.getLayers());
    const shown = geo.features.length;
    let text = `${shown} incident${shown === 1 ? "" : "s"} on the map`;
    if (geo.total_matching > shown) text += ` (of ${geo.total_matching} matching)`;
    if (geo.without_coordinates) text += `; ${geo.without_coordinates} without coordinates`;
    setStatus(text);
    if (shown) map.fitBounds(layer.getBounds(), { maxZoom: 8, padding: [30, 30] });
    document.body.dataset.loaded = "true";
  }

  async function start() {
    const [config, facets] = await Promise.all([api("config"), api("facets")]);
    if (config.tile_url) {
      L.tileLayer(config.tile_url, { attribution: config.tile_attribution || "" }).addTo(map);
    }
    if (config.coarsen_hours > 0) {
      document.getElementById("coarsen-note").textContent =
        ` Positions of incidents from the last ${config.coarsen_hours} h are rounded to ${config.coarsen_degrees}°.`;
    }
    fillSelect("country", facets.countries);
    fillSelect("region", facets.regions);
    fillSelect("weapon", facets.weapons);
    fillSelect("target", facets.targets);
    // Outlines and data load side by side; markers do not wait for the outlines.
    fetch("static/vendor/world-atlas/countries-50m.json")
      .then((r) => r.json())
      .then(drawOutlines)
      .catch((err) => setStatus(`country outlines: ${err.message}`, true));
    await loadData();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    loadData().catch((err) => setStatus(String(err.message || err), true));
  });
  form.addEventListener("reset", () =>
    setTimeout(() => loadData().catch((err) => setStatus(String(err.message || err), true)))
  );
  window.addEventListener("resize", () => {
    for (const [key, chart] of Object.entries(charts)) {
      const box = document.getElementById(`chart-${key}`);
      chart.setSize({ width: Math.max(300, box.clientWidth - 8), height: 150 });
    }
  });

  start().catch((err) => setStatus(String(err.message || err), true));
})();
