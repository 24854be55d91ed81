/* The trainer's dashboard: polls the host every 2 s. Text only via textContent. */
(function () {
  "use strict";
  var key = (location.search.match(/[?&]k=([^&]+)/) || [])[1] || "";
  var lang = (location.search.match(/[?&]lang=(en|vi)/) || [])[1] || "vi";
  function el(tag, txt, cls) { var e = document.createElement(tag); if (txt !== undefined) { e.textContent = txt; } if (cls) { e.className = cls; } return e; }
  function load() {
    var names = document.getElementById("names").checked ? "1" : "0";
    var r = new XMLHttpRequest();
    r.open("GET", "/api/dashboard?names=" + names + "&lang=" + lang + (key ? "&k=" + key : ""), true);
    r.onload = function () { try { draw(JSON.parse(r.responseText)); } catch (e) {} setTimeout(load, 2000); };
    r.onerror = function () { setTimeout(load, 3000); };
    r.send();
  }
  function draw(d) {
    document.getElementById("summary").textContent = d.phones + " phones · " + d.machines + " lab PCs · " +
      (d.together ? d.together.voted + " voted now" : "");
    var tb = document.querySelector("#students tbody"); tb.innerHTML = "";
    d.students.forEach(function (s) {
      var tr = el("tr");
      tr.appendChild(el("td", s.who)); tr.appendChild(el("td", s.title || s.scenario)); tr.appendChild(el("td", String(s.decisions)));
      tr.appendChild(el("td", s.finished ? "✓" : "…", s.finished ? "done" : ""));
      tr.appendChild(el("td", s.possible ? Math.round(100 * s.score / s.possible) + "%" : ""));
      tb.appendChild(tr);
    });
    var ch = document.getElementById("choices"); ch.innerHTML = "";
    d.choices.forEach(function (c) {
      ch.appendChild(el("h3", c.decision));
      var total = 0;
      c.options.forEach(function (o) { total += o.n; });
      c.options.forEach(function (o) {
        var p = el("div"); var bar = el("span", "", "bar"); bar.style.width = Math.round(200 * o.n / total) + "px";
        p.appendChild(bar); p.appendChild(document.createTextNode(o.text + ": " + o.n)); ch.appendChild(p);
      });
    });
    var ol = document.getElementById("missed"); ol.innerHTML = "";
    d.missed.forEach(function (m) { ol.appendChild(el("li", m.name + " — " + m.missed + " / " + m.shown)); });
  }
  document.getElementById("names").addEventListener("change", load);
  load();
})();
