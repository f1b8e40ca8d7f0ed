/* The map's zoom. pages/map_svg.py draws the markers and labels of every zoom level, each
 * level in its own layer; this only changes the SVG's viewBox and which layer shows, so the
 * map stays one static drawing (nothing fetched, works from file://). Zoom: the buttons, the
 * + and − keys, a pinch or ctrl + wheel (a trackpad's pinch); move: a drag or the arrow
 * keys. A shared marker zooms in on its places (at the deepest level it leads to the list,
 * as without script). A map filtered from the explore page (explore.js sends
 * "cb-map:frame" once it has hidden the other cases) frames the cases it shows. */
(function () {
  "use strict";

  var PAD = 45;        // map units kept around framed cases: a marker's target and a little
  var FRAME_MOST = 8;  // framing never zooms deeper than this (the reader still can)

  function setup() {
    var svg = document.querySelector("svg.cb-map");
    var controls = document.querySelector(".cb-map__zoom");
    if (!svg || !controls || svg.getAttribute("data-zoom-ready")) return;
    svg.setAttribute("data-zoom-ready", "1");
    var W = svg.viewBox.baseVal.width, H = svg.viewBox.baseVal.height;
    var layers = [].slice.call(svg.querySelectorAll(".cb-map__layer"));
    var levels = layers.map(function (g) { return Number(g.getAttribute("data-zoom")); });
    var buttons = [].slice.call(controls.querySelectorAll("button[data-zoom-step]"));
    var at = 0, cx = W / 2, cy = H / 2;

    function draw() {
      var k = levels[at], w = W / k, h = H / k;
      cx = Math.min(Math.max(cx, w / 2), W - w / 2);
      cy = Math.min(Math.max(cy, h / 2), H - h / 2);
      svg.setAttribute("viewBox", [cx - w / 2, cy - h / 2, w, h].map(function (v) {
        return Math.round(v * 10) / 10; }).join(" "));
      layers.forEach(function (g, i) { g.classList.toggle("cb-map__layer--on", i === at); });
      svg.setAttribute("data-zoom", String(k));
      buttons.forEach(function (b) {
        var step = Number(b.getAttribute("data-zoom-step"));
        b.disabled = step > 0 ? at === levels.length - 1 : at === 0;
      });
      // zoomed in, a drag moves the map instead of the page
      svg.style.touchAction = at ? "none" : "";
    }

    // To level i; (x, y), in map units, stays where it is on screen.
    function zoomTo(i, x, y) {
      i = Math.min(Math.max(i, 0), levels.length - 1);
      if (x !== undefined) {
        var ratio = levels[at] / levels[i];
        cx = x + (cx - x) * ratio;
        cy = y + (cy - y) * ratio;
      }
      at = i;
      draw();
    }

    // Frame the points [x, y] (map units): the deepest level that holds them all.
    function frame(points, least) {
      if (!points.length) return;
      var xs = points.map(function (p) { return p[0]; }), ys = points.map(function (p) { return p[1]; });
      var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
      var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
      var i = least || 0;
      while (i + 1 < levels.length && levels[i + 1] <= FRAME_MOST &&
             (x1 - x0 + 2 * PAD) * levels[i + 1] <= W && (y1 - y0 + 2 * PAD) * levels[i + 1] <= H) i += 1;
      at = Math.min(i, levels.length - 1);
      cx = (x0 + x1) / 2;
      cy = (y0 + y1) / 2;
      draw();
    }

    function where(ids) {  // the map positions of these cases, from the list under the map
      var points = [];
      document.querySelectorAll(".cb-map__list li[data-at]").forEach(function (li) {
        if (ids(li)) points.push(li.getAttribute("data-at").split(" ").map(Number));
      });
      return points;
    }

    function frameShown() {
      var note = document.querySelector(".cb-map__filtered");
      if (!note || note.hidden) return;
      frame(where(function (li) { return !li.hidden; }));
    }

    function unitsPerPixel() {
      return (W / levels[at]) / (svg.getBoundingClientRect().width || W);
    }

    function mapPoint(clientX, clientY) {
      var r = svg.getBoundingClientRect(), u = unitsPerPixel(), k = levels[at];
      return [cx - W / k / 2 + (clientX - r.left) * u, cy - H / k / 2 + (clientY - r.top) * u];
    }

    buttons.forEach(function (b) {
      b.addEventListener("click", function () {
        var step = Number(b.getAttribute("data-zoom-step"));
        if (step === 0) { at = 0; cx = W / 2; cy = H / 2; draw(); } else zoomTo(at + step);
      });
    });

    // A shared marker: zoom in until its places come apart (or as far as it goes).
    svg.addEventListener("click", function (event) {
      var marker = event.target.closest && event.target.closest("a.cb-map__marker");
      if (dragged) { event.preventDefault(); dragged = false; return; }
      if (!marker || (marker.getAttribute("data-cases") || "").indexOf(" ") < 0 || at === levels.length - 1) return;
      event.preventDefault();
      var ids = marker.getAttribute("data-cases").split(" ");
      frame(where(function (li) { return ids.indexOf(li.getAttribute("data-id")) >= 0; }), at + 1);
      if (event.detail === 0) {  // from the keyboard: the focus goes to the first of its places
        var next = [].filter.call(layers[at].querySelectorAll("a.cb-map__marker"), function (a) {
          return a.getAttribute("data-cases").split(" ").some(function (id) { return ids.indexOf(id) >= 0; });
        })[0];
        if (next) next.focus();
      }
    });

    svg.setAttribute("tabindex", "0");  // keys work once the map (or a marker in it) has the focus
    svg.addEventListener("keydown", function (event) {
      var step = 60 / levels[at], moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      if (event.key === "+" || event.key === "=") zoomTo(at + 1);
      else if (event.key === "-" || event.key === "−") zoomTo(at - 1);
      else if (moves[event.key] && at) { cx += moves[event.key][0]; cy += moves[event.key][1]; draw(); }
      else return;
      event.preventDefault();
    });

    svg.addEventListener("wheel", function (event) {
      if (!event.ctrlKey) return;  // a plain wheel scrolls the page, as everywhere
      event.preventDefault();
      var p = mapPoint(event.clientX, event.clientY);
      zoomTo(at + (event.deltaY < 0 ? 1 : -1), p[0], p[1]);
    }, { passive: false });

    // Pointers: one drags (when zoomed in), two pinch (a step each time the distance
    // between them grows or shrinks by half).
    var down = new Map(), last = null, pinch = 0, dragged = false;
    function spread() {
      var p = [];
      down.forEach(function (v) { p.push(v); });
      return Math.hypot(p[0][0] - p[1][0], p[0][1] - p[1][1]);
    }
    svg.addEventListener("pointerdown", function (event) {
      down.set(event.pointerId, [event.clientX, event.clientY]);
      last = [event.clientX, event.clientY];
      dragged = false;
      if (down.size === 2) pinch = spread();
    });
    svg.addEventListener("pointermove", function (event) {
      if (!down.has(event.pointerId)) return;
      down.set(event.pointerId, [event.clientX, event.clientY]);
      if (down.size === 2) {
        var now = spread();
        if (pinch && (now > pinch * 1.5 || now < pinch / 1.5)) {
          var c = [], p;
          down.forEach(function (v) { c.push(v); });
          p = mapPoint((c[0][0] + c[1][0]) / 2, (c[0][1] + c[1][1]) / 2);
          zoomTo(at + (now > pinch ? 1 : -1), p[0], p[1]);
          pinch = now;
        }
        dragged = true;
        return;
      }
      if (!at || !last) return;
      var dx = event.clientX - last[0], dy = event.clientY - last[1];
      if (!dragged && Math.hypot(dx, dy) < 6) return;  // a tap, not a drag
      if (!dragged) svg.setPointerCapture(event.pointerId);
      dragged = true;
      var u = unitsPerPixel();
      cx -= dx * u;
      cy -= dy * u;
      last = [event.clientX, event.clientY];
      draw();
    });
    ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
      svg.addEventListener(name, function (event) { down.delete(event.pointerId); if (!down.size) last = null; });
    });

    svg.addEventListener("cb-map:frame", frameShown);
    controls.hidden = false;
    draw();
    frameShown();
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
