/*
 * Intake forms: show a field only when it applies, and bring the error summary into focus.
 *
 * Progressive enhancement: without this script every field is visible and the server still
 * validates everything. A block with data-toon-als="name=value" is shown while the form field
 * "name" has that value; while hidden, its inputs are disabled so they are not submitted.
 * A checkbox with data-aard="code" (a sub-form of an aard) ticks the aard checkbox with that value when it is
 * ticked: a sub-form implies its aard, and the server refuses the one without the other.
 */
(function () {
  "use strict";

  function huidigeWaarde(form, naam) {
    var veld = form.elements.namedItem(naam);
    if (!veld) {
      return null;
    }
    if (typeof RadioNodeList !== "undefined" && veld instanceof RadioNodeList) {
      return veld.value; // the checked radio's value, "" when none is checked
    }
    if (veld.type === "checkbox") {
      return veld.checked ? veld.value : "";
    }
    return veld.value;
  }

  function werkBij(form, eersteKeer) {
    form.querySelectorAll("[data-toon-als]").forEach(function (blok) {
      var regel = blok.getAttribute("data-toon-als").split("=");
      var waarde = huidigeWaarde(form, regel[0]);
      if (waarde === null) {
        return; // the controlling field is not on this page: leave the block as the server rendered it
      }
      var toon = waarde === regel[1];
      // A block the server marked with an error stays visible on load, so the user can correct it.
      if (eersteKeer && blok.querySelector("[aria-invalid='true']")) {
        toon = true;
      }
      blok.hidden = !toon;
      blok.querySelectorAll("input, select, textarea").forEach(function (invoer) {
        invoer.disabled = !toon;
      });
    });
  }

  function vinkAardAan(form, vakje) {
    var aard = vakje.getAttribute("data-aard");
    if (!aard || !vakje.checked) {
      return;
    }
    form.querySelectorAll("input[type='checkbox'][name='aard']").forEach(function (invoer) {
      if (invoer.value === aard && !invoer.disabled) {
        invoer.checked = true;
      }
    });
  }

  function focusFoutoverzicht() {
    var overzicht = document.querySelector(".foutoverzicht");
    if (!overzicht) {
      return;
    }
    overzicht.focus();
    overzicht.querySelectorAll("a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var doel = document.getElementById(link.getAttribute("href").slice(1));
        if (doel) {
          event.preventDefault();
          doel.scrollIntoView({ block: "center" });
          doel.focus();
        }
      });
    });
  }

  function start() {
    document.querySelectorAll("form.intake").forEach(function (form) {
      werkBij(form, true);
      form.addEventListener("change", function (event) {
        if (event.target && event.target.hasAttribute && event.target.hasAttribute("data-aard")) {
          vinkAardAan(form, event.target);
        }
        werkBij(form, false);
      });
    });
    focusFoutoverzicht();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
