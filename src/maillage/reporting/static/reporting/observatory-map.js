// The observatory map: Leaflet, with markers clustered on the server (map.json).
// Everything the script needs comes from the map element's data-* attributes.
(() => {
  "use strict";
  const element = document.getElementById("observatory-map");
  if (!element) return;
  const data = element.dataset;
  const status = document.getElementById("observatory-map-status");
  const say = (text) => { if (status) status.textContent = text; };
  if (typeof L === "undefined") {
    say(data.textNoScript);
    return;
  }
  const MAX_ZOOM = 18;
  const map = L.map(element, { minZoom: 1, maxZoom: MAX_ZOOM, worldCopyJump: true });
  if (data.tileUrl) {
    // Unreachable tiles leave the plain background; the markers do not depend on them.
    L.tileLayer(data.tileUrl, {
      attribution: data.attribution || "",
      maxZoom: MAX_ZOOM,
      referrerPolicy: "strict-origin",
    }).addTo(map);
  }
  const layer = L.layerGroup().addTo(map);
  let pending = null;

  const endpoint = (params) => {
    const url = new URL(data.clustersUrl, window.location.href);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return url;
  };
  const bbox = (bounds) =>
    [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
      .map((v) => v.toFixed(5))
      .join(",");
  const load = (params, signal) =>
    fetch(endpoint(params), { signal, credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.status))));

  const link = (item) => {
    const a = document.createElement("a");
    a.href = item.url;
    a.textContent = item.name;
    return a;
  };

  const showMembers = (cluster, marker) => {
    const b = cluster.bounds;
    const pad = 0.0005;
    const box = [b[0][1] - pad, b[0][0] - pad, b[1][1] + pad, b[1][0] + pad].join(",");
    load({ members: "1", bbox: box }).then((payload) => {
      const list = document.createElement("ul");
      list.className = "obs-members";
      for (const item of payload.members) {
        const li = document.createElement("li");
        li.appendChild(link(item));
        list.appendChild(li);
      }
      marker.bindPopup(list).openPopup();
    }, () => say(data.textError));
  };

  const draw = (clusters) => {
    layer.clearLayers();
    let total = 0;
    for (const cluster of clusters) {
      total += cluster.count;
      if (cluster.count === 1) {
        const icon = L.divIcon({ className: "obs-marker", iconSize: [16, 16] });
        const marker = L.marker([cluster.lat, cluster.lon], { icon, title: cluster.name, alt: cluster.name });
        marker.bindPopup(link(cluster));
        layer.addLayer(marker);
        continue;
      }
      const size = cluster.count < 10 ? 30 : cluster.count < 100 ? 38 : 46;
      const label = document.createElement("span");
      label.textContent = String(cluster.count);
      const icon = L.divIcon({ className: "obs-cluster", html: label, iconSize: [size, size] });
      const title = data.textCluster.replace("%(count)s", cluster.count);
      const marker = L.marker([cluster.lat, cluster.lon], { icon, title, alt: title });
      marker.on("click", () => {
        const bounds = L.latLngBounds(cluster.bounds);
        const samePlace = bounds.getSouthWest().equals(bounds.getNorthEast(), 1e-4);
        if (samePlace || map.getZoom() >= MAX_ZOOM) showMembers(cluster, marker);
        else map.fitBounds(bounds, { padding: [40, 40] });
      });
      layer.addLayer(marker);
    }
    say(data.textShown.replace("%(count)s", total));
    element.dataset.markers = String(clusters.length);
  };

  const refresh = () => {
    if (pending) pending.abort();
    pending = new AbortController();
    load({ zoom: map.getZoom(), bbox: bbox(map.getBounds()) }, pending.signal).then(
      (payload) => draw(payload.clusters),
      (error) => {
        if (error.name !== "AbortError") say(data.textError);
      },
    );
  };

  const bounds = data.bounds ? JSON.parse(data.bounds) : null;
  if (bounds) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 10 });
  else map.setView([46.6, 2.4], 5);
  map.on("moveend", refresh);
  refresh();
})();
