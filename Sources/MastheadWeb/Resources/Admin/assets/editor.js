// Small conveniences for the article editor. Everything works without them.
(function () {
  "use strict";
  var body = document.getElementById("body");
  var count = document.getElementById("word-count");
  if (body && count) {
    var update = function () {
      var words = body.value.trim().split(/\s+/).filter(Boolean).length;
      count.textContent = words + (words === 1 ? " word" : " words");
    };
    body.addEventListener("input", update);
    update();
  }
  // Show the slug the server will make from the headline while the slug field is empty.
  var headline = document.getElementById("headline");
  var slug = document.getElementById("slug");
  if (headline && slug && !slug.value) {
    var suggest = function () {
      slug.placeholder = headline.value.normalize("NFKD").replace(/[\u0300-\u036f'’]/g, "").toLowerCase()
        .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80);
    };
    headline.addEventListener("input", suggest);
    suggest();
  }
})();
