/* Filters on a framework page. Without JavaScript every role and competency shows;
   with it, the radio buttons choose one role (or coming-soon path) and one competency or
   all of them, as on the original pages. Nothing is fetched. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  var status = document.getElementById("filter-status");

  function checked(name) {
    var input = form.querySelector('input[name="' + name + '"]:checked');
    return input ? input : null;
  }

  function labelOf(input) {
    var label = input ? input.closest("label") : null;
    return label ? label.getAttribute("data-label") || label.textContent.trim() : "";
  }

  function update() {
    var role = checked("role");
    var competency = checked("competency");
    var roleValue = role ? role.value : "";
    var competencyValue = competency ? competency.value : "";

    document.querySelectorAll("[data-choice]").forEach(function (el) {
      el.hidden = roleValue !== "" && el.getAttribute("data-choice") !== roleValue;
    });
    document.querySelectorAll("[data-choices]").forEach(function (el) {
      var choices = el.getAttribute("data-choices").split(" ");
      el.hidden = roleValue !== "" && choices.indexOf(roleValue) === -1;
    });
    document.querySelectorAll("[data-competency]").forEach(function (el) {
      el.hidden = competencyValue !== "" && el.getAttribute("data-competency") !== competencyValue;
    });
    if (status) {
      var parts = [];
      if (role) {
        parts.push(labelOf(role));
      }
      if (competency) {
        parts.push(competencyValue === "" ? "all competencies" : labelOf(competency));
      }
      status.textContent = parts.length ? "Showing " + parts.join(", ") + "." : "";
    }
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  var print = document.getElementById("print");
  if (print) {
    print.addEventListener("click", function () {
      window.print();
    });
  }
  update();
})();
