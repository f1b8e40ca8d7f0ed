/* Reform Casebook: filters of the explore page. No dependencies, works from file://.
 * State lives in the address (?q=&country=&level=&theme=&from=&to=&status=), so a
 * filtered view can be bookmarked or shared. Runs on every page; does nothing elsewhere. */
(function () {
  "use strict";
  var FIELDS = ["q", "country", "level", "theme", "from", "to", "status"];

  // Same folding as the build's data-text: lower case, no tone marks, đ -> d.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function matches(item, state) {
    var d = item.dataset;
    if (state.country && d.country !== state.country) return false;
    if (state.level && d.level !== state.level) return false;
    if (state.status && d.status !== state.status) return false;
    if (state.theme && d.themes.split(" ").indexOf(state.theme) < 0) return false;
    if (state.from === "unknown") {  // cases whose sources state no date
      if (d.years !== "unknown") return false;
    } else if (state.from || state.to) {
      var from = Number(state.from || 0), to = Number(state.to || 9999);
      var years = d.years.split(" ").map(Number);
      if (!years.some(function (y) { return y >= from && y <= to; })) return false;
    }
    if (state.q) {
      var words = fold(state.q).split(/\s+/).filter(Boolean);
      if (!words.every(function (w) { return d.text.indexOf(w) >= 0; })) return false;
    }
    return true;
  }

  function setup() {
    var form = document.getElementById("cb-explore-filters");
    var list = document.getElementById("cb-explore");
    if (!form || !list) return;
    var count = document.querySelector(".cb-explore__count");
    var items = Array.prototype.slice.call(list.querySelectorAll(".cb-explore__item"));

    function state() {
      var s = {};
      FIELDS.forEach(function (name) { s[name] = (form.elements[name].value || "").trim(); });
      return s;
    }

    function apply(push) {
      var s = state(), shown = 0;
      items.forEach(function (item) {
        var ok = matches(item, s);
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown ? count.dataset.template.replace("{count}", shown)
        .replace("{total}", count.dataset.total) : count.dataset.none;
      if (push) {
        var params = new URLSearchParams();
        FIELDS.forEach(function (name) { if (s[name]) params.set(name, s[name]); });
        var query = params.toString();
        try {
          history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
        } catch (e) { /* some file:// setups refuse; the filters still work */ }
      }
    }

    var params = new URLSearchParams(location.search);
    FIELDS.forEach(function (name) {
      if (params.has(name)) form.elements[name].value = params.get(name);
    });
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    apply(false);
  }

  // Material's instant navigation swaps pages without a reload: listen for it too.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
