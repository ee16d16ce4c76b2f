// Exercise index filter: progressive enhancement. Without this script the
// index is a plain list of every exercise grouped by difficulty; with it, the
// form (hidden in the HTML) appears and hides the cards that do not match.
// Nothing is sent anywhere: the filter reads the cards' data attributes.
(function () {
  "use strict";
  var form = document.getElementById("exercise-filter");
  if (!form) {
    return;
  }
  var fields = ["difficulty", "position", "pregnancy", "equipment"];
  var cards = Array.prototype.slice.call(document.querySelectorAll(".difficulty-group .exercise-card"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".difficulty-group"));
  var status = form.querySelector(".filter-status");

  function matches(card, field, wanted) {
    if (!wanted) {
      return true;
    }
    var value = card.getAttribute("data-" + field) || "";
    return field === "equipment" ? value.split("|").indexOf(wanted) !== -1 : value === wanted;
  }

  function apply() {
    var shown = 0;
    cards.forEach(function (card) {
      var visible = fields.every(function (field) {
        return matches(card, field, form.elements[field].value);
      });
      card.hidden = !visible;
      if (visible) {
        shown += 1;
      }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector(".exercise-card:not([hidden])");
    });
    status.textContent = shown === cards.length
      ? "Showing all " + cards.length + " exercises."
      : "Showing " + shown + " of " + cards.length + " exercises" + (shown === 0 ? ": try fewer filters." : ".");
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.hidden = false;
  apply();
})();
