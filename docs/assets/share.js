/* Reform Casebook: "copy link" on a case page (the address and its QR code are in the
 * page already, without script). The confirmation goes into a role="status" region, so
 * a screen reader says it. Text only (textContent), from the page's own attributes. */
(function () {
  "use strict";

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // http on a training room's hotspot has no Clipboard API: copy from a selected field
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.appendChild(field);
      field.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) { done = false; }
      document.body.removeChild(field);
      if (done) resolve(); else reject(new Error("copy refused"));
    });
  }

  function setUp() {
    var boxes = document.querySelectorAll(".cb-share__copy");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.getAttribute("data-cb-ready")) continue;
      box.setAttribute("data-cb-ready", "1");
      box.hidden = false;
      box.querySelector("button").addEventListener("click", function (event) {
        var button = event.currentTarget;
        var status = button.parentNode.querySelector("[role=status]");
        copy(button.getAttribute("data-url")).then(function () {
          status.textContent = button.getAttribute("data-copied");
        }, function () {
          status.textContent = button.getAttribute("data-failed");
        });
      });
    }
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
