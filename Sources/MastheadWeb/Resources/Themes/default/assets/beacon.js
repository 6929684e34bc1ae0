// Tells the site an article was read: one small same-origin request, no cookies,
// nothing stored in the browser. Prerendered pages report only when shown.
(function () {
  "use strict";
  var script = document.currentScript;
  var article = script && script.getAttribute("data-article");
  if (!article) return;
  function report() {
    var data = new URLSearchParams({ article: article, ref: document.referrer || "" });
    if (!(navigator.sendBeacon && navigator.sendBeacon("/api/v1/views", data))) {
      fetch("/api/v1/views", { method: "POST", body: data, keepalive: true, credentials: "omit" });
    }
  }
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", report, { once: true });
  } else {
    report();
  }
})();
