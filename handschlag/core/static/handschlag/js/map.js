/* Handschlag — maps of places (issue #12), drawn with Leaflet from our own static files.
   includes/map.html renders a hidden <div class="map" data-map="ID"> and the markers as JSON
   in <script id="ID" type="application/json">; this file shows the map and draws them. The list
   beside the map stays the primary content: the map only repeats it.
   Keyboard: the map takes the focus (arrow keys pan, + and - zoom), every marker is reached with
   Tab and opened with Enter; the popup's link then has the focus, Escape closes the popup and
   puts the focus back on its marker. Right-to-left pages get the controls mirrored; the map
   canvas itself stays left-to-right (Leaflet's panes need it), the popups follow the page. */
(function () {
  "use strict";
  if (window.handschlagMaps) return; // loaded twice (an htmx swap that brings the map again)
  window.handschlagMaps = true;

  function escaped(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function attribution(container) {
    var text = container.getAttribute("data-attribution") || "";
    var url = container.getAttribute("data-attribution-url") || "";
    if (!text) return "";
    if (!/^https?:\/\//.test(url)) return escaped(text);
    var link = document.createElement("a");
    link.href = url;
    link.textContent = text;
    return link.outerHTML;
  }

  function popupContent(place) {
    var root = document.documentElement;
    var box = document.createElement("div");
    box.className = "map-popup";
    box.dir = root.dir || "ltr";
    if (root.lang) box.lang = root.lang;
    var title = document.createElement(place.url ? "a" : "strong");
    if (place.url) title.href = place.url;
    title.textContent = place.title;
    box.appendChild(title);
    return box;
  }

  function draw(container) {
    if (container.getAttribute("data-map-ready")) return;
    var data = document.getElementById(container.getAttribute("data-map"));
    var canvas = container.querySelector(".map-canvas");
    var tiles = container.getAttribute("data-tile-url");
    if (!window.L || !data || !canvas || !tiles) return;
    var places;
    try {
      places = JSON.parse(data.textContent);
    } catch (error) {
      return;
    }
    if (!places.length) return;
    container.setAttribute("data-map-ready", "1");
    container.hidden = false;

    var rtl = document.documentElement.dir === "rtl";
    var map = L.map(canvas, { zoomControl: false, attributionControl: false });
    L.control
      .zoom({
        position: rtl ? "topright" : "topleft",
        zoomInTitle: container.getAttribute("data-zoom-in"),
        zoomOutTitle: container.getAttribute("data-zoom-out"),
      })
      .addTo(map);
    L.control
      .attribution({
        position: rtl ? "bottomleft" : "bottomright",
        prefix: '<a href="https://leafletjs.com">Leaflet</a>',
      })
      .addTo(map);
    L.tileLayer(tiles, { attribution: attribution(container), maxZoom: 19 }).addTo(map);

    var icon = L.icon({
      iconUrl: container.getAttribute("data-icon"),
      iconRetinaUrl: container.getAttribute("data-icon-2x"),
      shadowUrl: container.getAttribute("data-shadow"),
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      shadowSize: [41, 41],
    });
    var closeLabel = container.getAttribute("data-close");
    var points = [];
    places.forEach(function (place) {
      var point = [place.lat, place.lon];
      points.push(point);
      var marker = L.marker(point, { icon: icon, alt: place.title, title: place.title, keyboard: true });
      marker.bindPopup(popupContent(place), { autoPanPadding: [24, 24] });
      marker.on("popupopen", function (event) {
        var popup = event.popup.getElement();
        var close = popup && popup.querySelector(".leaflet-popup-close-button");
        if (close) close.setAttribute("aria-label", closeLabel);
        var link = popup && popup.querySelector(".map-popup a");
        if (link) link.focus();
      });
      marker.on("popupclose", function (event) {
        var popup = event.popup.getElement();
        var element = marker.getElement();
        // Back to the marker only if the keyboard focus was in the popup (or is now lost).
        if (element && (!document.activeElement || document.activeElement === document.body ||
            (popup && popup.contains(document.activeElement)))) {
          element.focus();
        }
      });
      marker.addTo(map);
    });
    // Escape closes the popup from inside it too (Leaflet listens only while the map has focus).
    canvas.addEventListener("keydown", function (event) {
      if (event.key === "Escape") map.closePopup();
    });
    if (points.length === 1) {
      map.setView(points[0], 15);
    } else {
      map.fitBounds(points, { padding: [32, 32], maxZoom: 15 });
    }
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-map]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawAll(document);
  });
  // A list swapped in by htmx (filters) brings its map along.
  document.addEventListener("htmx:load", function (event) {
    if (event.target && event.target.querySelectorAll) drawAll(event.target);
  });
})();
