/* geoborder's map: overlays, popups, legend and time control, drawn from the page's packed data.
 *
 * Safety: every string that comes from an article or its metadata is written
 * with textContent or as a checked attribute (links only to http and https);
 * nothing from the data is ever parsed as HTML or evaluated as code. The only
 * HTML strings built here are made of this file's own constants and numbers.
 */
(function () {
  "use strict";
  const GB = (window.geoborder = window.geoborder || {});
  GB.maps = GB.maps || {};

  const ATTACK_TYPES = {
    suicide_bombing: { label: "Suicide bombing", colour: "#d55e00" },
    ied: { label: "IED", colour: "#e69f00" },
    armed_assault: { label: "Armed assault", colour: "#cc79a7" },
    armed_clash: { label: "Armed clash", colour: "#0072b2" },
    air_strike: { label: "Air strike", colour: "#56b4e9" },
    shelling: { label: "Shelling", colour: "#4d4d4d" },
  };
  const CLOSURE_TYPES = {
    closure: { label: "Closure", colour: "#c0392b", glyph: "\u00d7" },
    reopening: { label: "Reopening", colour: "#1e8449", glyph: "\u2713" },
  };
  const CROSSING_STATUS = {
    closed: { label: "closed", colour: "#c0392b" },
    open: { label: "open", colour: "#1e8449" },
    unknown: { label: "unknown", colour: "#7f8c8d" },
  };
  const OTHER = { label: "other", colour: "#999999", glyph: "?" };
  const PRECISION = {
    1: "the site itself",
    2: "near a named place, or a district",
    3: "a province, region or border line",
    4: "a country",
  };
  const EVENT_LAYERS = ["closures", "attacks"];

  /* ---- data ---------------------------------------------------------- */

  async function inflate(id) {
    const text = document.getElementById(id).textContent.trim();
    let bytes;
    if (typeof Uint8Array.fromBase64 === "function") {
      bytes = Uint8Array.fromBase64(text);
    } else {
      const binary = atob(text);
      bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    }
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return JSON.parse(new TextDecoder().decode(await new Response(stream).arrayBuffer()));
  }

  /* The index (see geoborder/map/data.py): a record per feature, reading its fields from its row.
     Fields not in the index are read from the record's detail block once loadDetails has fetched it. */
  GB.unpack = async function (id) {
    if (typeof DecompressionStream === "undefined") {
      throw new Error("this browser cannot decompress the map's data (it needs DecompressionStream)");
    }
    const doc = await inflate(id);
    const Source = recordType(doc.source_columns, [], null);
    const data = {};
    for (const [name, table] of Object.entries(doc.layers)) {
      const records = [];
      const Record = recordType(table.columns, table.detail_columns, Source);
      Record.prototype._details = { id: id + "-" + name, size: doc.block_size, records: records, blocks: new Map() };
      table.rows.forEach((row, i) => records.push(new Record(row, i)));
      data[name] = records;
    }
    performance.mark("geoborder-data-decoded");
    return data;
  };

  function recordType(columns, detailColumns, Source) {
    function Record(row, i) {
      this._row = row;
      this._i = i;
      this._detail = detailColumns.length ? null : [];
    }
    const define = (name, read) => {
      const get = name === "sources" && Source
        ? function () { return (read(this) || []).map((s) => new Source(s, 0)); }
        : function () { return read(this); };
      Object.defineProperty(Record.prototype, name, { get: get, enumerable: true });
    };
    columns.forEach((name, i) => define(name, (r) => r._row[i]));
    detailColumns.forEach((name, i) => define(name, (r) => (r._detail ? r._detail[i] : null)));
    return Record;
  }

  function loadDetails(record) {
    if (record._detail) return Promise.resolve(record);
    const d = record._details;
    const block = Math.floor(record._i / d.size);
    if (!d.blocks.has(block)) {
      d.blocks.set(block, inflate(d.id + "-" + block).then((doc) => {
        doc.rows.forEach((row, k) => { d.records[block * d.size + k]._detail = row; });
      }));
    }
    return d.blocks.get(block).then(() => record);
  }

  /* ---- safe DOM building --------------------------------------------- */

  function el(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    for (const child of children) {
      if (child === null || child === undefined || child === "") continue;
      node.append(child instanceof Node ? child : String(child)); // a string becomes a text node
    }
    return node;
  }

  function safeUrl(url) {
    if (!url) return null;
    try {
      const parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function link(url, label) {
    const href = safeUrl(url);
    if (!href) return el("span", "gb-nolink", label);
    const a = el("a", null, label);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function table(rows) {
    const t = el("table", "gb-facts");
    for (const [key, value] of rows) {
      if (value === null || value === undefined || value === "") continue;
      t.append(el("tr", null, el("th", null, key), el("td", null, value)));
    }
    return t;
  }

  const list = (items) => (items && items.length ? items.join(", ") : null);

  /* ---- labels -------------------------------------------------------- */

  function eventStyle(r) {
    const table = r.category === "closure" ? CLOSURE_TYPES : ATTACK_TYPES;
    return Object.prototype.hasOwnProperty.call(table, r.event_type) ? table[r.event_type] : OTHER;
  }

  function typeLabel(r) {
    const style = eventStyle(r);
    return style === OTHER ? String(r.event_type) : style.label;
  }

  function dateLabel(r) {
    if (!r.date_start) return "not stated";
    let s = r.date_start;
    if (r.date_end && r.date_end !== r.date_start) s += " \u2013 " + r.date_end;
    if (r.date_precision && r.date_precision !== "day") s += " (" + r.date_precision + ")";
    return s;
  }

  function killed(r) {
    const best = r.fatalities, low = r.fatalities_low, high = r.fatalities_high;
    if (best == null && low == null) return null;
    let s = String(best != null ? best : low);
    if (low != null && high != null && low !== high) s += " (between " + low + " and " + high + ")";
    else if (low != null && high == null) s += " (at least " + low + ")";
    return s;
  }

  function toll(r) {
    return r.fatalities != null ? r.fatalities : r.fatalities_low;
  }

  /* ---- popups -------------------------------------------------------- */

  function sourceBlock(s) {
    const where = s.article_id + (s.start != null ? " [" + s.start + "\u2013" + s.end + "]" : "");
    return el(
      "figure", "gb-source",
      el("blockquote", null, s.sentence),
      el("figcaption", null, link(s.url, s.title || s.article_id), " \u00b7 ", s.published || "date unknown",
         " \u00b7 ", where)
    );
  }

  function eventPopup(r) {
    const rows = [
      ["Date", dateLabel(r)],
      ["Place", r.place_name
        ? r.place_name + (r.geo_precision ? " (precision " + r.geo_precision + ": " + (PRECISION[r.geo_precision] || "") + ")" : "")
        : "not placed"],
    ];
    if (r.category === "attack") {
      rows.push(["Killed", killed(r) || "not stated"], ["Injured", r.injured != null ? r.injured : "not stated"]);
    } else {
      rows.push(["Scope", r.scope], ["Reason", r.reason],
                ["Crossings", r.all_crossings ? "every crossing on this border" : null]);
    }
    rows.push(["Actors", list(r.actors)], ["Claimed by", list(r.claimed_by)], ["Claims", list(r.claims)],
              ["Sources", String(r.n_sources != null ? r.n_sources : r.sources.length)]);
    const head = el("div", "gb-title", typeLabel(r), r.status === "announced" ? el("span", "gb-badge", "announced") : null);
    return el("div", "gb-popup", head, table(rows),
              el("div", "gb-evidence-head", "Evidence"), ...r.sources.map(sourceBlock));
  }

  function crossingPopup(r, day) {
    const rows = [
      ["Border", r.country_pair],
      ["On the last report", (r.status_on_last_report || "unknown") + (r.last_report_date ? " (" + r.last_report_date + ")" : "")],
    ];
    if (day) rows.push(["On " + day, statusOn(r, day)]);
    const timeline = el("table", "gb-timeline", el("tr", null, el("th", null, "status"), el("th", null, "from"),
                                                    el("th", null, "to"), el("th", null, "events")));
    for (const i of r.timeline || []) {
      timeline.append(el("tr", "gb-" + (CROSSING_STATUS[i.status] ? i.status : "unknown"),
                         el("td", null, i.status), el("td", null, i.start || ""),
                         el("td", null, i.end || "last report"), el("td", null, String((i.event_ids || []).length))));
    }
    return el("div", "gb-popup", el("div", "gb-title", r.name), table(rows),
              (r.timeline || []).length ? timeline : el("p", "gb-note", "No closure or reopening reported."));
  }

  function mentionPopup(r) {
    return el("div", "gb-popup", el("div", "gb-title", "\u201c" + r.text + "\u201d"),
              table([["Place", r.place_name], ["Kind", r.kind], ["Resolved by", r.resolution],
                     ["Article", r.article_id + " [" + r.start + "\u2013" + r.end + "]"], ["Flags", list(r.flags)]]));
  }

  function referencePopup(r) {
    return el("div", "gb-popup", el("div", "gb-title", r.name),
              table([["Kind", r.kind], ["Country", r.country], ["Mentions", String(r.n_mentions || 0)],
                     ["Shape", r.approximate ? "approximate" : null]]));
  }

  const POPUPS = { closures: eventPopup, attacks: eventPopup, crossings: crossingPopup, mentions: mentionPopup,
                   borders: referencePopup, regions: referencePopup };

  /* ---- markers ------------------------------------------------------- */

  const icons = new Map();
  function cachedIcon(key, make) {
    let icon = icons.get(key);
    if (!icon) icons.set(key, (icon = make()));
    return icon;
  }

  function attackIcon(r) {
    const n = toll(r);
    const size = n == null ? 14 : Math.min(46, Math.round(14 + 5 * Math.sqrt(n)));
    const style = eventStyle(r);
    const announced = r.status === "announced";
    return cachedIcon("a" + style.colour + size + announced, () => L.divIcon({
      className: "gb-marker gb-attack" + (n == null ? " gb-toll-unknown" : "") + (announced ? " gb-announced" : ""),
      html: '<span style="--gb-colour:' + style.colour + '"></span>',
      iconSize: [size, size],
    }));
  }

  function closureIcon(r) {
    const style = eventStyle(r);
    const announced = r.status === "announced";
    return cachedIcon("c" + style.colour + announced, () => L.divIcon({
      className: "gb-marker gb-closure" + (announced ? " gb-announced" : ""),
      html: '<span style="--gb-colour:' + style.colour + '">' + style.glyph + "</span>",
      iconSize: [20, 20],
    }));
  }

  /* Crossings are small and drawn above the events (their own pane): the status of every crossing shows at
     every zoom, and an event at a crossing stays clickable around it. */
  const CROSSING_PANE = "geoborderCrossings";

  function crossingIcon(status) {
    const style = CROSSING_STATUS[status] || CROSSING_STATUS.unknown;
    return cachedIcon("x" + style.colour, () => L.divIcon({
      className: "gb-marker gb-crossing",
      html: '<span style="background:' + style.colour + '"></span>',
      iconSize: [11, 11],
    }));
  }

  const mentionIcon = () => cachedIcon("m", () => L.divIcon({ className: "gb-marker gb-mention", html: "<span></span>", iconSize: [9, 9] }));

  function marker(kind, r) {
    const crossing = kind === "crossings";
    const icon = kind === "attacks" ? attackIcon(r) : kind === "closures" ? closureIcon(r)
      : crossing ? crossingIcon(r.status_on_last_report) : mentionIcon();
    const m = L.marker(r.at, { icon: icon, keyboard: false, pane: crossing ? CROSSING_PANE : "markerPane" });
    m.record = r;
    m.kind = kind;
    return m;
  }

  function clusterGroup(kind) {
    return L.markerClusterGroup({
      chunkedLoading: true, // the page stays responsive while 100,000 markers cluster
      chunkInterval: 150,
      chunkDelay: 10,
      maxClusterRadius: 40,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: (cluster) => {
        const n = cluster.getChildCount();
        const size = n < 10 ? 26 : n < 100 ? 32 : n < 1000 ? 38 : 44;
        // the count as a badge on the rim: a crossing drawn above the cluster's centre leaves it readable
        return L.divIcon({ className: "gb-cluster gb-cluster-" + kind, html: "<span><b>" + n + "</b></span>", iconSize: [size, size] });
      },
    });
  }

  function outline(kind, r) {
    const style = kind === "borders"
      ? { color: "#2c2c2c", weight: 2.5, opacity: 0.9 }
      : { color: "#7a7a7a", weight: 1, opacity: 0.6, fillColor: "#9a9a9a", fillOpacity: 0.06 };
    const layer = L.geoJSON(r.shape, { style: style });
    layer.eachLayer((part) => { part.record = r; part.kind = kind; });
    layer.bindTooltip(el("span", null, r.name), { sticky: true, direction: "top" });
    return layer;
  }

  /* ---- overlays ------------------------------------------------------ */

  /* Add markers to a group; the promise resolves once a cluster group on the map has clustered them all. */
  function addAll(group, markers) {
    if (!group.addLayers) {
      for (const m of markers) group.addLayer(m);
      return Promise.resolve();
    }
    if (!group._map || !markers.length) { // off the map, the plugin clusters when the group is shown
      group.addLayers(markers);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      group.options.chunkProgress = (processed, total) => { if (processed >= total) resolve(); };
      group.addLayers(markers);
    });
  }

  /* Closures and attacks share one cluster group, so that events at one place spread out together whatever
     their layer; each of the two overlays is a view of its own markers in it, added and removed by the
     layer control and narrowed by the time control. */
  const EventView = L.Layer.extend({
    initialize: function (shared) {
      this._shared = this.cluster = shared;
      this._shown = [];
    },
    onAdd: function (map) {
      if (!map.hasLayer(this._shared)) map.addLayer(this._shared);
      this._adding = addAll(this._shared, this._shown);
    },
    onRemove: function () {
      this._shared.removeLayers(this._shown);
    },
    getLayers: function () {
      return this._shown.slice();
    },
    show: function (markers) {
      if (this._map) this._shared.removeLayers(this._shown);
      this._shown = markers;
      return this._map ? addAll(this._shared, markers) : Promise.resolve();
    },
  });

  const CrossingGroup = L.FeatureGroup.extend({
    onAdd: function (map) {
      if (!map.getPane(CROSSING_PANE)) map.createPane(CROSSING_PANE).style.zIndex = 640; // markers 600, popups 700
      L.FeatureGroup.prototype.onAdd.call(this, map);
    },
  });

  function fill(kind, group, data) {
    const records = data[kind] || [];
    if (kind === "borders" || kind === "regions") {
      for (const r of records) if (r.shape) group.addLayer(outline(kind, r));
      group.unplaced = records.filter((r) => !r.shape).length;
      return Promise.resolve();
    }
    const markers = [];
    for (const r of records) if (r.at) markers.push(marker(kind, r));
    group.allMarkers = markers;
    group.unplaced = records.length - markers.length;
    return group.show ? group.show(markers) : addAll(group, markers);
  }

  // panned below the zoom buttons and the layer control (Leaflet pads from the top left and bottom right only)
  const POPUP_OPTIONS = { maxWidth: 380, minWidth: 240, autoPanPaddingTopLeft: [60, 190], autoPanPaddingBottomRight: [20, 20] };

  function openPopup(e, periodEnd) {
    const layer = e.layer || e.propagatedFrom;
    if (!layer || !layer.record || layer.getPopup()) return;
    loadDetails(layer.record).then(() => {
      layer.bindPopup(() => POPUPS[layer.kind](layer.record, periodEnd()), POPUP_OPTIONS);
      layer.openPopup(e.latlng);
    });
  }

  GB.overlay = function (kind, dataPromise) {
    let group;
    if (EVENT_LAYERS.includes(kind)) {
      if (!dataPromise.geoborderEvents) {
        dataPromise.geoborderEvents = clusterGroup("events");
        dataPromise.geoborderEvents.on("click", (e) => openPopup(e, () => null));
      }
      group = new EventView(dataPromise.geoborderEvents);
    } else {
      group = kind === "mentions" ? clusterGroup(kind) : kind === "crossings" ? new CrossingGroup() : L.featureGroup();
      group.on("click", (e) => openPopup(e, () => group.periodEnd || null));
    }
    group.geoborderKind = kind;
    group.geoborderReady = dataPromise.then((data) => fill(kind, group, data)).then(() => group);
    return group;
  };

  /* ---- time ---------------------------------------------------------- */

  function statusOn(r, day) {
    if (!day) return r.status_on_last_report || "unknown";
    for (const i of r.timeline || []) {
      if (i.start && i.start <= day && (i.end == null || day <= i.end)) return i.status;
    }
    return "unknown";
  }

  function inPeriod(r, from, to) {
    if (!r.date_start) return false;
    return r.date_start <= to && (r.date_end || r.date_start) >= from;
  }

  function eventExtent(data) {
    let min = null, max = null;
    for (const kind of EVENT_LAYERS) {
      for (const r of data[kind] || []) {
        if (!r.date_start) continue;
        const end = r.date_end || r.date_start;
        if (min === null || r.date_start < min) min = r.date_start;
        if (max === null || end > max) max = end;
      }
    }
    return { min: min, max: max };
  }

  /* Show the events of a period (none: all of them); resolves once the markers are clustered. */
  function setPeriod(state, from, to) {
    const full = !from && !to;
    from = from || state.extent.min;
    to = to || state.extent.max;
    const unchanged = full ? state.period === null : state.period && state.period.from === from && state.period.to === to;
    let shown = 0, total = 0;
    const adding = [];
    for (const kind of EVENT_LAYERS) {
      const group = state.overlays[kind];
      if (!group || !group.allMarkers) continue;
      const keep = full ? group.allMarkers : group.allMarkers.filter((m) => inPeriod(m.record, from, to));
      if (!unchanged) adding.push(group.show(keep));
      shown += keep.length;
      total += group.allMarkers.length;
    }
    const crossings = state.overlays.crossings;
    if (crossings && crossings.allMarkers) {
      crossings.periodEnd = full ? null : to;
      for (const m of crossings.allMarkers) {
        m.setIcon(crossingIcon(statusOn(m.record, crossings.periodEnd)));
        m.unbindPopup(); // rebuilt on the next click, for the period's last day
      }
    }
    state.period = full ? null : { from: from, to: to };
    if (state.counter) {
      state.counter.textContent = full
        ? "all " + total + " placed events; crossings as last reported"
        : shown + " of " + total + " placed events; crossings as on " + to;
    }
    return Promise.all(adding).then(() => shown);
  }

  /* A control holding a panel of ours; clicks and scrolls on it do not reach the map. */
  function panelControl(position, build) {
    return L.Control.extend({
      options: { position: position },
      initialize: function (state) {
        this.state = state;
      },
      onAdd: function () {
        const box = build(this.state);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      },
    });
  }

  function timeBox(state) {
    const box = el("div", "gb-panel gb-time");
    const from = el("input");
    const to = el("input");
    for (const input of [from, to]) {
      input.type = "date";
      if (state.extent.min) input.min = state.extent.min;
      if (state.extent.max) input.max = state.extent.max;
    }
    from.value = state.extent.min || "";
    to.value = state.extent.max || "";
    from.className = "gb-from";
    to.className = "gb-to";
    const all = el("button", "gb-all", "all");
    all.type = "button";
    state.counter = el("div", "gb-count");
    const apply = () => {
      const f = from.value || state.extent.min, t = to.value || state.extent.max;
      const isFull = f === state.extent.min && t === state.extent.max;
      setPeriod(state, isFull ? null : f, isFull ? null : t);
    };
    from.addEventListener("change", apply);
    to.addEventListener("change", apply);
    all.addEventListener("click", () => {
      from.value = state.extent.min || "";
      to.value = state.extent.max || "";
      setPeriod(state, null, null);
    });
    box.append(el("div", "gb-panel-title", "Period"),
               el("label", null, "from ", from), el("label", null, " to ", to), " ", all, state.counter);
    if (!state.extent.min) {
      from.disabled = to.disabled = all.disabled = true;
    }
    return box;
  }

  /* ---- legend -------------------------------------------------------- */

  function swatch(className, colour, glyph) {
    const s = el("span", "gb-swatch " + className, glyph || "");
    s.style.setProperty("--gb-colour", colour);
    return s;
  }

  function legendBox(state) {
    const box = el("details", "gb-panel gb-legend");
    box.open = true; // a reader folds it away when it covers a popup
    box.append(el("summary", "gb-panel-title", "Legend"));
    const row = (sw, label) => el("div", "gb-legend-row", sw, " ", label);
    box.append(el("div", "gb-panel-title", "Attacks"), el("div", "gb-note", "size: people killed; hollow: toll not stated"));
    for (const t of Object.values(ATTACK_TYPES)) box.append(row(swatch("gb-sw-attack", t.colour), t.label));
    box.append(el("div", "gb-panel-title", "Closures"));
    for (const t of Object.values(CLOSURE_TYPES)) box.append(row(swatch("gb-sw-closure", t.colour, t.glyph), t.label));
    box.append(row(swatch("gb-sw-closure gb-announced", "#555", ""), "announced, not yet happened"));
    box.append(el("div", "gb-panel-title", "Crossings"));
    for (const t of Object.values(CROSSING_STATUS)) box.append(row(swatch("gb-sw-crossing", t.colour), t.label));
    box.append(row(swatch("gb-sw-border", "#2c2c2c"), "border line"));
    const notes = [];
    for (const kind of EVENT_LAYERS) {
      const group = state.overlays[kind];
      if (group && group.unplaced) {
        notes.push(group.unplaced + " " + (kind === "attacks" ? "attack" : "closure or reopening") +
                   (group.unplaced === 1 ? " has" : "s have") + " no place and " + (group.unplaced === 1 ? "is" : "are") +
                   " not drawn (listed in " + kind + ".geojson)");
      }
    }
    for (const n of notes) box.append(el("div", "gb-note gb-unplaced", n));
    return box;
  }

  const TimeControl = panelControl("bottomleft", timeBox);
  const Legend = panelControl("bottomright", legendBox);

  function showError(map, error) {
    const box = el("div", "gb-error", "The map's data could not be read: " + (error && error.message ? error.message : error));
    map.getContainer().append(box);
    map.getContainer().dataset.geoborderError = String(error && error.message ? error.message : error);
  }

  GB.controls = function (map, dataPromise, overlays) {
    const name = map.getContainer().id;
    const ready = dataPromise.then((data) =>
      Promise.all(Object.values(overlays).map((o) => o.geoborderReady)).then(() => {
        const state = { map: map, data: data, overlays: overlays, extent: eventExtent(data), period: null };
        new Legend(state).addTo(map);
        new TimeControl(state).addTo(map);
        setPeriod(state, null, null); // every event is on the map already: this writes the count
        state.setPeriod = (from, to) => setPeriod(state, from, to);
        GB.maps[name] = state;
        performance.mark("geoborder-drawn");
        map.getContainer().dataset.geoborderReady = "true";
        return state;
      })
    );
    ready.catch((error) => showError(map, error));
    GB.ready = ready;
    return ready;
  };
})();
