/*
 * Analysis pages: draw each table's chart with Chart.js from the protected values the server put next to it
 * (a <script type="application/json"> made by json_script: no inline code, so the strict CSP holds), and give
 * long tables a compact form: sorting, a filter on the region column, pages of 25 rows, and a chart of the
 * rows on the page.
 *
 * Progressive enhancement: without this script every table is there in full and is the data of the chart.
 */
(function () {
  "use strict";

  var PAGINA = 25;
  var getalnotatie = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 });
  var teksten = leesJson("analyse-teksten") || {};

  function leesJson(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  // Dutch digits, with a narrow no-break space between thousands so a number never reads like "." (suppressed).
  function getal(waarde) {
    return getalnotatie.format(waarde).replace(/\./g, "\u202f").replace("-", "\u2212");
  }

  // A long category label on up to three lines of whole words, so it is neither clipped nor tiny; in a chart
  // of many rows on one line, shortened with "…" (the tooltip and the table have it in full).
  function inRegels(tekst, lengte, rijen) {
    if (rijen > 12) {
      return tekst.length > lengte ? tekst.slice(0, lengte - 1) + "\u2026" : tekst;
    }
    var regels = [""];
    tekst.split(" ").forEach(function (woord) {
      var laatste = regels[regels.length - 1];
      if (laatste && (laatste + " " + woord).length > lengte) {
        regels.push(woord);
      } else {
        regels[regels.length - 1] = laatste ? laatste + " " + woord : woord;
      }
    });
    if (regels.length > 3) {
      regels = regels.slice(0, 3);
      regels[2] = regels[2].slice(0, lengte - 1) + "\u2026";
    }
    return regels.length === 1 ? regels[0] : regels;
  }

  /* --- charts ------------------------------------------------------------------------------------------------ */

  function grafiekData(gegevens, indices) {
    function kies(lijst) {
      return indices ? indices.map(function (i) { return lijst[i]; }) : lijst.slice();
    }
    var labels = kies(gegevens.labels);
    var datasets = gegevens.reeksen.map(function (reeks) {
      var reeksData = {
        label: reeks.naam, data: kies(reeks.waarden), teksten: kies(reeks.teksten),
        backgroundColor: reeks.kleur, borderColor: reeks.kleur, borderWidth: 0
      };
      if (gegevens.lijn) {
        reeksData.borderWidth = 2;
        reeksData.pointRadius = 3;
        reeksData.fill = false;
      }
      return reeksData;
    });
    // A target as a reference line: one more line dataset with the same value everywhere (no plugin needed).
    if (gegevens.referentie) {
      var ref = gegevens.referentie;
      datasets.push({
        type: "line", label: ref.naam, data: labels.map(function () { return ref.waarde; }),
        teksten: labels.map(function () { return ref.tekst; }), borderColor: "#333333",
        backgroundColor: "#333333", borderDash: [6, 4], borderWidth: 2, pointRadius: 0, fill: false, order: -1
      });
    }
    return { labels: labels, datasets: datasets };
  }

  function labelLengte(element) {
    return element.clientWidth < 560 ? 20 : 30;
  }

  // A horizontal chart grows with its rows, up to what fits on a screen.
  function zetHoogte(canvas, gegevens, data) {
    if (!gegevens.liggend) {
      return;
    }
    var lengte = labelLengte(canvas.parentNode);
    var hoogte = 120; // legend, value axis and its title
    data.labels.forEach(function (label) {
      var regels = [].concat(inRegels(label, lengte, data.labels.length)).length;
      hoogte += Math.max(6 + 9 * Math.max(1, data.datasets.length), 6 + 15 * regels);
    });
    canvas.parentNode.style.height = Math.max(180, Math.min(hoogte, 640)) + "px";
  }

  function maakGrafiek(canvas, gegevens) {
    var data = grafiekData(gegevens, null);
    zetHoogte(canvas, gegevens, data);
    var waardeAs = {
      beginAtZero: true,
      title: { display: true, text: gegevens.eenheid, font: { size: 13 } },
      ticks: { callback: function (waarde) { return getal(waarde); }, font: { size: 12 } },
      grid: { color: "#d9d9d9" }
    };
    if (gegevens.stap) {
      waardeAs.ticks.stepSize = gegevens.stap; // counts: no axis label may read like a small count
    }
    var categorieAs = {
      title: { display: true, text: gegevens.categorie, font: { size: 13 } },
      grid: { display: false },
      ticks: {
        autoSkip: false,
        font: { size: 12 },
        callback: function (waarde) {
          var label = this.getLabelForValue(waarde);
          var rijen = this.chart.data.labels.length;
          return gegevens.liggend ? inRegels(label, labelLengte(canvas.parentNode), rijen) : label;
        }
      }
    };
    /* global Chart */
    var grafiek = new Chart(canvas, {
      type: gegevens.lijn ? "line" : "bar",
      data: data,
      options: {
        indexAxis: gegevens.liggend ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: "nl-NL",
        interaction: { mode: "index", intersect: false },
        scales: gegevens.liggend ? { x: waardeAs, y: categorieAs } : { x: categorieAs, y: waardeAs },
        plugins: {
          legend: { position: "bottom", labels: { font: { size: 13 }, boxWidth: 14 } },
          tooltip: {
            callbacks: {
              // the table's own text of the cell: rounded as shown, with its markers
              label: function (item) {
                return item.dataset.label + ": " + item.dataset.teksten[item.dataIndex];
              }
            }
          }
        }
      }
    });
    toetsenbord(canvas, grafiek);
    return grafiek;
  }

  // Values on focus too: Tab to the chart, arrows move between the groups of bars, Escape hides the values.
  function toetsenbord(canvas, grafiek) {
    var positie = -1;

    function toon(index) {
      var aantal = grafiek.data.labels.length;
      if (!aantal) {
        return;
      }
      positie = (index + aantal) % aantal;
      var actief = [];
      grafiek.data.datasets.forEach(function (_reeks, d) {
        var element = grafiek.getDatasetMeta(d).data[positie];
        if (element && isFinite(element.x) && isFinite(element.y)) {
          actief.push({ datasetIndex: d, index: positie });
        }
      });
      var schaal = grafiek.scales[grafiek.options.indexAxis === "y" ? "y" : "x"];
      var plek = schaal.getPixelForTick(positie);
      var punt = grafiek.options.indexAxis === "y" ? { x: grafiek.chartArea.left + 10, y: plek }
        : { x: plek, y: grafiek.chartArea.top + 10 };
      grafiek.setActiveElements(actief);
      grafiek.tooltip.setActiveElements(actief, punt);
      grafiek.update();
    }

    function verberg() {
      grafiek.setActiveElements([]);
      grafiek.tooltip.setActiveElements([], { x: 0, y: 0 });
      grafiek.update();
    }

    canvas.addEventListener("focus", function () { toon(positie < 0 ? 0 : positie); });
    canvas.addEventListener("blur", verberg);
    canvas.addEventListener("keydown", function (event) {
      var stap = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      if (stap) {
        toon(positie + stap);
      } else if (event.key === "Home") {
        toon(0);
      } else if (event.key === "End") {
        toon(grafiek.data.labels.length - 1);
      } else if (event.key === "Escape") {
        verberg();
      } else {
        return;
      }
      event.preventDefault();
    });
  }

  function toonRijen(grafiek, canvas, gegevens, indices) {
    var data = grafiekData(gegevens, indices.filter(function (i) { return i < gegevens.labels.length; }));
    zetHoogte(canvas, gegevens, data);
    grafiek.data.labels = data.labels;
    grafiek.data.datasets.forEach(function (reeks, d) {
      reeks.data = data.datasets[d].data;
      reeks.teksten = data.datasets[d].teksten;
    });
    grafiek.resize();
    grafiek.update();
  }

  /* --- long tables ------------------------------------------------------------------------------------------- */

  function celWaarde(rij, kolom) {
    var cel = rij.cells[kolom];
    if (cel.hasAttribute("data-waarde")) {
      return parseFloat(cel.getAttribute("data-waarde"));
    }
    return cel.textContent.trim();
  }

  function vergelijk(a, b) {
    var getalA = typeof a === "number", getalB = typeof b === "number";
    if (getalA && getalB) {
      return a - b;
    }
    if (getalA !== getalB) {
      return getalA ? -1 : 1; // numbers before ".", "–" and text
    }
    return a.localeCompare(b, "nl");
  }

  function knop(tekst, klasse) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = klasse;
    element.textContent = tekst;
    return element;
  }

  function maakCompact(tabel, grafiek, canvas, gegevens, eigenRegio) {
    var tbody = tabel.tBodies[0];
    var alle = Array.prototype.slice.call(tbody.rows);
    alle.forEach(function (rij, i) { rij.setAttribute("data-index", i); });
    var koppen = Array.prototype.slice.call(tabel.tHead.rows[0].cells);
    var staat = { kolom: -1, oplopend: true, filter: "", pagina: 0 };

    var balk = document.createElement("div");
    balk.className = "tabelbalk";
    var filterKolom = koppen.findIndex(function (th) { return th.hasAttribute("data-filter"); });
    if (filterKolom >= 0) {
      var id = tabel.closest("section").getAttribute("aria-labelledby") + "-filter";
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = koppen[filterKolom].textContent.trim();
      var keuze = document.createElement("select");
      keuze.id = id;
      var waarden = alle.map(function (rij) { return rij.cells[filterKolom].textContent.trim(); });
      [""].concat(Array.from(new Set(waarden)).sort(vergelijk)).forEach(function (waarde) {
        var optie = document.createElement("option");
        optie.value = waarde;
        optie.textContent = waarde || teksten.alle;
        keuze.appendChild(optie);
      });
      var eigen = Array.prototype.find.call(keuze.options, function (optie) {
        return eigenRegio && optie.value.indexOf(eigenRegio + " ") === 0;
      });
      if (eigen) {
        keuze.value = staat.filter = eigen.value;
      }
      keuze.addEventListener("change", function () {
        staat.filter = keuze.value;
        staat.pagina = 0;
        werkBij();
      });
      var veld = document.createElement("div");
      veld.className = "tabelfilter";
      veld.appendChild(label);
      veld.appendChild(keuze);
      balk.appendChild(veld);
    }
    var vorige = knop(teksten.vorige, "knop knop-secundair");
    var volgende = knop(teksten.volgende, "knop knop-secundair");
    var status = document.createElement("p");
    status.className = "tabelstatus";
    status.setAttribute("aria-live", "polite");
    vorige.addEventListener("click", function () { staat.pagina -= 1; werkBij(); });
    volgende.addEventListener("click", function () { staat.pagina += 1; werkBij(); });
    var bladeren = document.createElement("div");
    bladeren.className = "bladeren";
    bladeren.appendChild(vorige);
    bladeren.appendChild(status);
    bladeren.appendChild(volgende);
    balk.appendChild(bladeren);
    tabel.closest(".grafiek-en-tabel").before(balk);

    koppen.forEach(function (th, kolom) {
      var sorteer = knop(th.textContent.trim(), "sorteerknop");
      sorteer.setAttribute("aria-label", th.textContent.trim() + " \u2013 " + teksten.sorteer);
      th.textContent = "";
      th.appendChild(sorteer);
      sorteer.addEventListener("click", function () {
        staat.oplopend = staat.kolom === kolom ? !staat.oplopend : kolom === 0 || filterKolom === kolom;
        staat.kolom = kolom;
        staat.pagina = 0;
        werkBij();
      });
    });

    function werkBij() {
      var rijen = alle.filter(function (rij) {
        return !staat.filter || rij.cells[filterKolom].textContent.trim() === staat.filter;
      });
      if (staat.kolom >= 0) {
        rijen.sort(function (a, b) {
          var waardeA = celWaarde(a, staat.kolom), waardeB = celWaarde(b, staat.kolom);
          if ((typeof waardeA === "number") !== (typeof waardeB === "number")) {
            return typeof waardeA === "number" ? -1 : 1; // ".", "–" and text after the numbers, either way
          }
          var verschil = vergelijk(waardeA, waardeB);
          return staat.oplopend ? verschil : -verschil;
        });
      }
      var paginas = Math.max(1, Math.ceil(rijen.length / PAGINA));
      staat.pagina = Math.min(Math.max(staat.pagina, 0), paginas - 1);
      var begin = staat.pagina * PAGINA;
      var zichtbaar = rijen.slice(begin, begin + PAGINA);
      alle.forEach(function (rij) { rij.hidden = true; });
      rijen.forEach(function (rij) { tbody.appendChild(rij); });
      zichtbaar.forEach(function (rij) { rij.hidden = false; });
      koppen.forEach(function (th, kolom) {
        th.setAttribute("aria-sort", kolom !== staat.kolom ? "none" : (staat.oplopend ? "ascending" : "descending"));
      });
      status.textContent = teksten.rijen
        .replace("%(van)s", rijen.length ? begin + 1 : 0)
        .replace("%(tot)s", begin + zichtbaar.length)
        .replace("%(aantal)s", rijen.length);
      vorige.disabled = staat.pagina === 0;
      volgende.disabled = staat.pagina >= paginas - 1;
      if (grafiek && gegevens.rijen) {
        toonRijen(grafiek, canvas, gegevens, zichtbaar.map(function (rij) {
          return parseInt(rij.getAttribute("data-index"), 10);
        }));
      }
    }

    werkBij();
  }

  function start() {
    var eigenRegio = leesJson("eigen-regio");
    var grafieken = {};
    document.querySelectorAll("canvas[id^='grafiek-']").forEach(function (canvas) {
      var gegevens = leesJson(canvas.id + "-gegevens");
      if (gegevens && typeof Chart !== "undefined") {
        grafieken[canvas.id] = { grafiek: maakGrafiek(canvas, gegevens), canvas: canvas, gegevens: gegevens };
      }
    });
    document.querySelectorAll("table[data-compact]").forEach(function (tabel) {
      var bij = grafieken[tabel.getAttribute("data-grafiek")] || {};
      maakCompact(tabel, bij.grafiek, bij.canvas, bij.gegevens, eigenRegio);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
