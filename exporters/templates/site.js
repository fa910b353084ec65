/* Filters on a framework page. Without JavaScript every role and competency shows;
   with it, the radio buttons choose one role (or coming-soon path) and one competency or
   all of them, as on the original pages. Nothing is fetched.

   The choice is kept in the address, in the fragment so that it works from file:// too:
   #role=senior-knowledge-expert&competency=communication. Such an address opens the page
   on that choice (share it, bookmark it); each new choice is a history entry, so Back
   returns to the previous one. A fragment that is not a choice (#glossary) is left to
   the browser, and a choice the page does not have is ignored. */
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

  /* the choice named by the address, as {role, competency}; null when it names none */
  function fromAddress() {
    var hash = window.location.hash.replace(/^#/, "");
    if (hash.indexOf("=") === -1) {
      /* a link to a role's card (#role-senior-knowledge-expert) chooses that role */
      var card = /^role-(.+)$/.exec(hash);
      if (card && hasChoice("role", card[1])) {
        return { role: card[1] };
      }
      return null;
    }
    var wanted = Object.create(null); /* no inherited keys: only what the address says */
    hash.split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at > 0) {
        try {
          wanted[decodeURIComponent(pair.slice(0, at))] = decodeURIComponent(pair.slice(at + 1));
        } catch (error) {
          /* a malformed escape: ignore that part */
        }
      }
    });
    return wanted;
  }

  function input(name, value) {
    var inputs = form.querySelectorAll('input[name="' + name + '"]');
    for (var i = 0; i < inputs.length; i += 1) {
      if (inputs[i].value === value) {
        return inputs[i];
      }
    }
    return null;
  }

  function hasChoice(name, value) {
    return input(name, value) !== null;
  }

  function choose(name, value) {
    var found = input(name, value);
    if (found) {
      found.checked = true;
    }
    return found !== null;
  }

  /* the defaults the page was built with, for an address that names no choice */
  var defaults = {
    role: checked("role") ? checked("role").value : "",
    competency: checked("competency") ? checked("competency").value : ""
  };

  function applyAddress() {
    var wanted = fromAddress();
    if (wanted === null && window.location.hash !== "") {
      return; /* an anchor within the page: leave the choice as it is */
    }
    wanted = wanted || {};
    if (!("role" in wanted) || !choose("role", wanted.role)) {
      choose("role", defaults.role);
    }
    if (!("competency" in wanted) || !choose("competency", wanted.competency)) {
      choose("competency", defaults.competency);
    }
    update();
  }

  function address() {
    var parts = [];
    var role = checked("role");
    var competency = checked("competency");
    if (role) {
      parts.push("role=" + encodeURIComponent(role.value).replace(/%3A/g, ":"));
    }
    if (competency && competency.value !== "") {
      parts.push("competency=" + encodeURIComponent(competency.value));
    }
    return "#" + parts.join("&");
  }

  form.addEventListener("change", function () {
    update();
    var next = address();
    if (next !== window.location.hash) {
      window.history.pushState(null, "", next);
    }
  });
  window.addEventListener("popstate", applyAddress);
  window.addEventListener("hashchange", applyAddress);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  var print = document.getElementById("print");
  if (print) {
    print.addEventListener("click", function () {
      window.print();
    });
  }
  applyAddress();
  update();
})();
