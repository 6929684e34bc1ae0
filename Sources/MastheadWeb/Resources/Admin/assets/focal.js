// Sets an image's focal point by a click on it. The two percentage fields work without this.
(function () {
  "use strict";
  var image = document.getElementById("focal-image");
  var marker = document.getElementById("focal-marker");
  var x = document.getElementById("focal_x");
  var y = document.getElementById("focal_y");
  if (!image || !marker || !x || !y) return;
  var place = function () {
    marker.style.left = x.value + "%";
    marker.style.top = y.value + "%";
    marker.hidden = false;
  };
  image.addEventListener("click", function (event) {
    var box = image.getBoundingClientRect();
    x.value = Math.round(((event.clientX - box.left) / box.width) * 100);
    y.value = Math.round(((event.clientY - box.top) / box.height) * 100);
    place();
  });
  x.addEventListener("input", place);
  y.addEventListener("input", place);
  place();
})();
