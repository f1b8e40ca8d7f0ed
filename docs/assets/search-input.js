/* Reform Casebook: a query pasted, dictated or chosen from the keyboard's suggestions
 * is searched too. Material's search box reads its value on keyup (and focus), and
 * such input types no key: each input event is told to it as a keyup (it searches only
 * when the value changed). Listens on the document: Material's instant navigation keeps
 * it. */
(function () {
  "use strict";
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (box instanceof HTMLInputElement && box.matches("[data-md-component=search-query]")) {
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
  });
})();
