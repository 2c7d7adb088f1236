/* avs_geo map runtime: draws the layers and controls of a coverage map.
 * Needs only Leaflet (inlined before this script): no jQuery, no Bootstrap, no icon font,
 * nothing fetched from a CDN. Tooltip and popup HTML come pre-escaped from Python;
 * plain-text values (titles, marker names) are set as text, never parsed as HTML. */
(function (L) {
  "use strict";

  /* Rebuild GeoJSON coordinates from the packed form written by avs_geo.maps._geometry:
   * integers in units of 1/scale degree, each ring [x0, y0, dx1, dy1, ...]. */
  function ring(packed, scale) {
    var out = new Array(packed.length / 2), x = 0, y = 0;
    for (var i = 0; i < packed.length; i += 2) {
      x += packed[i];
      y += packed[i + 1];
      out[i / 2] = [x / scale, y / scale];
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

  function decode(geometry, scale) {
    if (geometry.type === "Point") {
      return { type: "Point", coordinates: [geometry.c[0] / scale, geometry.c[1] / scale] };
    }
    return { type: geometry.type, coordinates: unpack(geometry.c, DEPTH[geometry.type], scale) };
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

  function layer(map, packed, styles, paneName, zIndex) {
    var data = {
      type: "FeatureCollection",
      features: packed.features.map(function (f) {
        return { type: "Feature", properties: f.properties, geometry: decode(f.geometry, packed.scale) };
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
          return L.marker(latlng, {
            icon: L.divIcon(style.icon),
            title: feature.properties.n || "",
            riseOnHover: true
          });
        }
        return L.circleMarker(latlng, style);
      },
      onEachFeature: function (feature, item) {
        var p = feature.properties;
        if (p.t) {
          item.bindTooltip(p.t, { sticky: !item.getLatLng });
        }
        if (p.p) {
          item.bindPopup(p.p, { maxWidth: 360 });
        }
      }
    });
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

  function scale(map) {
    return L.control.scale({ metric: true, imperial: false, position: "bottomleft" }).addTo(map);
  }

  window.AvsGeo = { decode: decode, layer: layer, box: box, title: title, fullscreen: fullscreen, scale: scale };
})(window.L);
