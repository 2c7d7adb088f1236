/* avs_geo map runtime: draws the layers and controls of a coverage map.
 * Needs only Leaflet (inlined before this script): no jQuery, no Bootstrap, no icon font,
 * nothing fetched from a CDN. Tooltip and popup HTML come pre-escaped from Python;
 * plain-text values (titles, marker names) are set as text, never parsed as HTML. */
(function (L) {
  "use strict";

  /* Rebuild GeoJSON coordinates from the packed form written by avs_geo.maps._geometry:
   * integers in units of 1/scale degree, the first point of each ring then the
   * differences to the previous one, each written as in encoded polylines (zigzag,
   * 5-bit groups from the lowest, character 63 + group, + 32 when another follows). */
  var POW32 = [];
  for (var p = 0; p < 13; p++) {
    POW32.push(Math.pow(32, p));
  }

  function ring(packed, scale) {
    var out = [], x = 0, y = 0, i = 0, n = packed.length;
    while (i < n) {
      for (var axis = 0; axis < 2; axis++) {
        var value = 0, k = 0, group;
        do {
          group = packed.charCodeAt(i++) - 63;
          value += (group & 31) * POW32[k++];
        } while (group >= 32);
        var delta = value % 2 ? -(value + 1) / 2 : value / 2;
        if (axis === 0) {
          x += delta;
        } else {
          y += delta;
        }
      }
      out.push([x / scale, y / scale]);
    }
    return out;
  }

  function unpack(c, depth, scale) {
    if (depth === 1) {
      return ring(c, scale);
    }
    return c.map(function (part) {
      return unpack(part, depth - 1, scale);
    });
  }

  var DEPTH = { MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

  /* `parts`: the polygons of the QPV drawn, which a zone made of QPV refers to by their
   * positions (`q`) instead of repeating them (avs_geo.maps.layers.zones_layer). */
  function decode(geometry, scale, parts) {
    if (geometry.type === "Point") {
      return { type: "Point", coordinates: [geometry.c[0] / scale, geometry.c[1] / scale] };
    }
    var coordinates = unpack(geometry.c, DEPTH[geometry.type], scale);
    if (geometry.q) {
      geometry.q.forEach(function (k) {
        coordinates.push(parts[k]);
      });
    }
    return { type: geometry.type, coordinates: coordinates };
  }

  /* Each kind of shape gets its own pane (and SVG renderer) so that the drawing order
   * stays communes < zones < QPV < candidate areas < markers, even after a layer is
   * switched off and on again in the layer control. */
  function pane(map, name, zIndex) {
    if (!map.getPane(name)) {
      map.createPane(name).style.zIndex = String(zIndex);
    }
    return name;
  }

  /* A text of a feature: a string, or pieces (strings, and indices into the layer's
   * table `k` of the pieces written once: see avs_geo.maps.layers.intern_texts). */
  function expand(text, table) {
    if (typeof text === "string") {
      return text;
    }
    var out = "";
    for (var i = 0; i < text.length; i++) {
      out += typeof text[i] === "number" ? table[text[i]] : text[i];
    }
    return out;
  }

  /* Tooltip and popup of a feature, joined when first shown: the tooltip is unbound
   * while the popup is open, so that the two never overlap. */
  function bindTexts(item, p, sticky, table) {
    var tooltip = { sticky: sticky };
    var t = p.t && function () {
      return expand(p.t, table);
    };
    if (t) {
      item.bindTooltip(t, tooltip);
    }
    if (p.p) {
      item.bindPopup(function () {
        return expand(p.p, table);
      }, { maxWidth: 360 });
      if (t) {
        item.on("popupopen", function () {
          item.unbindTooltip();
        });
        item.on("popupclose", function () {
          item.bindTooltip(t, tooltip);
        });
      }
    }
  }

  function layer(map, packed, styles, paneName, zIndex) {
    var data = {
      type: "FeatureCollection",
      features: packed.features.map(function (f) {
        return {
          type: "Feature",
          properties: f.properties,
          geometry: decode(f.geometry, packed.scale, map._avsParts || [])
        };
      })
    };
    return L.geoJSON(data, {
      pane: pane(map, paneName, zIndex),
      style: function (feature) {
        return styles[feature.properties.s];
      },
      pointToLayer: function (feature, latlng) {
        var style = styles[feature.properties.s];
        if (style.icon) {
          var options = { icon: L.divIcon(style.icon), title: feature.properties.n || "", riseOnHover: true };
          if (style.pane) {
            options.pane = style.pane; // numbered sites: above the QPV dots
          }
          return L.marker(latlng, options);
        }
        return L.circleMarker(latlng, style);
      },
      onEachFeature: function (feature, item) {
        bindTexts(item, feature.properties, !item.getLatLng, packed.k || []);
      }
    });
  }

  /* Below zoom `dotZoom` a QPV is a few pixels wide: each one is drawn as a dot of its
   * class colour (features' `d`, a packed point inside the QPV) in a pane above the
   * structure markers, so that every QPV is seen at the first view; from `dotZoom` on,
   * the shapes replace the dots. */
  function qpvLayer(map, packed, styles, paneName, zIndex, dotZoom, dotStyles) {
    var shapes = layer(map, packed, styles, paneName, zIndex);
    var parts = [];
    shapes.eachLayer(function (item) {
      var geometry = item.feature.geometry;
      if (geometry.type === "Polygon") {
        parts.push(geometry.coordinates);
      } else if (geometry.type === "MultiPolygon") {
        Array.prototype.push.apply(parts, geometry.coordinates);
      }
    });
    map._avsParts = parts; // the zones made of QPV refer to them
    var dotPane = pane(map, paneName + "-dots", 610);
    var dots = L.featureGroup();
    packed.features.forEach(function (f) {
      if (!f.d) {
        return;
      }
      var style = L.extend({ pane: dotPane }, dotStyles[f.properties.s]);
      var dot = L.circleMarker([f.d[1] / packed.scale, f.d[0] / packed.scale], style);
      bindTexts(dot, f.properties, false, packed.k || []);
      dots.addLayer(dot);
    });
    var group = L.layerGroup();
    function update() {
      var small = map.getZoom() < dotZoom;
      var show = small ? dots : shapes;
      var hide = small ? shapes : dots;
      if (group.hasLayer(hide)) {
        group.removeLayer(hide);
      }
      if (!group.hasLayer(show)) {
        group.addLayer(show);
      }
    }
    group.on("add", function () {
      update();
      map.on("zoomend", update);
    });
    group.on("remove", function () {
      map.off("zoomend", update);
    });
    group.dotZoom = dotZoom;
    update();
    return group;
  }

  /* Shapes drawn from zoom `minZoom` on only (the zones): at the scale of a region or of
   * France, thousands of overlapping zones would hide the QPV dots and take most of the
   * time to open the page. They are decoded and drawn the first time they are shown;
   * the check waits for the end of the page's script (the map is fitted to the data
   * after the layers are added). */
  function zoomLayer(map, packed, styles, paneName, zIndex, minZoom) {
    var shapes = null;
    var group = L.layerGroup();
    function update() {
      var show = map.getZoom() >= minZoom;
      if (show && shapes === null) {
        shapes = layer(map, packed, styles, paneName, zIndex);
      }
      if (show && !group.hasLayer(shapes)) {
        group.addLayer(shapes);
      } else if (!show && shapes !== null && group.hasLayer(shapes)) {
        group.removeLayer(shapes);
      }
    }
    group.on("add", function () {
      map.on("zoomend", update);
      setTimeout(update, 0);
    });
    group.on("remove", function () {
      map.off("zoomend", update);
    });
    group.minZoom = minZoom;
    return group;
  }

  /* Structure markers grouped by Leaflet.markercluster below `dotZoom` (a disc with the
   * number of structures, its tooltip saying so), one marker each from `dotZoom` on. */
  function clusterLayer(map, packed, styles, paneName, zIndex, dotZoom, label) {
    var markers = layer(map, packed, styles, paneName, zIndex);
    if (!L.MarkerClusterGroup) {
      return markers;
    }
    if (map.options.maxZoom === undefined) {
      map.options.maxZoom = 19; // markercluster needs one; without base tiles there is none
    }
    var group = L.markerClusterGroup({
      disableClusteringAtZoom: dotZoom,
      maxClusterRadius: 45,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: false,
      animate: false, // no 0.3 s transition in which clusters and markers are both drawn
      iconCreateFunction: function (cluster) {
        var n = cluster.getChildCount();
        var size = n < 10 ? 26 : n < 100 ? 32 : 38;
        return L.divIcon({
          html: "<span>" + n + "</span>",
          className: "avs-cluster",
          iconSize: [size, size]
        });
      }
    });
    group.on("clustermouseover", function (event) {
      var n = event.layer.getChildCount();
      event.layer.bindTooltip(label.replace("{n}", String(n))).openTooltip();
    });
    group.addLayer(markers);
    return group;
  }

  /* The territory's outline, drawn under everything and not interactive: a closed
   * network sees no base tiles, the outline still situates the data. */
  function outline(map, packed, style) {
    var data = {
      type: "FeatureCollection",
      features: packed.features.map(function (f) {
        return { type: "Feature", properties: {}, geometry: decode(f.geometry, packed.scale) };
      })
    };
    return L.geoJSON(data, {
      pane: pane(map, "avs-outline", 405),
      style: function () {
        return style;
      },
      interactive: false
    }).addTo(map);
  }

  function box(map, position, className, html) {
    var control = L.control({ position: position });
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "leaflet-control " + className);
      div.innerHTML = html;
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    return control.addTo(map);
  }

  function title(map, text) {
    var div = L.DomUtil.create("div", "avs-title", map.getContainer());
    div.textContent = text;
    L.DomEvent.disableClickPropagation(div);
    return div;
  }

  /* folium.plugins.Fullscreen loads leaflet.fullscreen from a CDN, which a locked-down
   * network blocks and which would break the "no CDN" rule of these maps; the browser
   * Fullscreen API does the same job in a few lines. */
  function fullscreen(map, label) {
    if (!document.fullscreenEnabled) {
      return null;
    }
    var control = L.control({ position: "topleft" });
    control.onAdd = function () {
      var bar = L.DomUtil.create("div", "leaflet-bar avs-fullscreen");
      var button = L.DomUtil.create("a", "", bar);
      button.href = "#";
      button.title = label;
      button.setAttribute("role", "button");
      button.setAttribute("aria-label", label);
      button.innerHTML =
        '<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">' +
        '<path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" fill="none" stroke="#333" stroke-width="2"/></svg>';
      L.DomEvent.on(button, "click", function (event) {
        L.DomEvent.preventDefault(event);
        if (document.fullscreenElement) {
          document.exitFullscreen();
        } else {
          map.getContainer().requestFullscreen();
        }
      });
      L.DomEvent.disableClickPropagation(bar);
      return bar;
    };
    document.addEventListener("fullscreenchange", function () {
      map.invalidateSize();
    });
    return control.addTo(map);
  }

  /* The before/after switch of a sites map: two buttons that show one QPV layer and
   * hide the other (the layer control follows). `after` is shown at the opening. */
  function toggle(map, before, after, labels) {
    var control = L.control({ position: "topleft" });
    control.onAdd = function () {
      var bar = L.DomUtil.create("div", "leaflet-bar avs-toggle");
      var head = L.DomUtil.create("div", "avs-toggle-label", bar);
      head.textContent = labels.label;
      var buttons = {};
      function show(which) {
        var on = which === "before" ? before : after;
        var off = which === "before" ? after : before;
        if (map.hasLayer(off)) {
          map.removeLayer(off);
        }
        if (!map.hasLayer(on)) {
          map.addLayer(on);
        }
        Object.keys(buttons).forEach(function (key) {
          buttons[key].setAttribute("aria-pressed", String(key === which));
          L.DomUtil[key === which ? "addClass" : "removeClass"](buttons[key], "avs-on");
        });
      }
      ["before", "after"].forEach(function (key) {
        var button = L.DomUtil.create("button", "avs-toggle-" + key, bar);
        button.type = "button";
        button.textContent = labels[key];
        button.title = labels[key + "_title"];
        buttons[key] = button;
        L.DomEvent.on(button, "click", function (event) {
          L.DomEvent.preventDefault(event);
          show(key);
        });
      });
      L.DomEvent.disableClickPropagation(bar);
      show(map.hasLayer(before) && !map.hasLayer(after) ? "before" : "after");
      return bar;
    };
    return control.addTo(map);
  }

  function scale(map) {
    return L.control.scale({ metric: true, imperial: false, position: "bottomleft" }).addTo(map);
  }

  window.AvsGeo = {
    decode: decode,
    expand: expand,
    layer: layer,
    qpvLayer: qpvLayer,
    zoomLayer: zoomLayer,
    clusterLayer: clusterLayer,
    outline: outline,
    box: box,
    title: title,
    fullscreen: fullscreen,
    toggle: toggle,
    scale: scale
  };
})(window.L);
