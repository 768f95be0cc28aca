/* Ruimtegraaf: small progressive enhancements. Every page works without this script. */
(function () {
  "use strict";

  function busy(form, on) {
    var progress = form.querySelector(".progress") || (form.nextElementSibling &&
      form.nextElementSibling.classList.contains("progress") ? form.nextElementSibling : null);
    if (progress) { progress.hidden = !on; }
    form.setAttribute("aria-busy", on ? "true" : "false");
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = on; }
  }

  // Forms that load a new page show progress while the server works (a question can take a few seconds).
  document.querySelectorAll("form[data-busy]").forEach(function (form) {
    form.addEventListener("submit", function () { setTimeout(function () { busy(form, true); }, 0); });
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-busy]").forEach(function (form) { busy(form, false); });
  });

  // The document view: bring the cited characters to the middle of the screen.
  var mark = document.getElementById("citaat");
  if (mark) {
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
  }

  var form = document.querySelector("form[data-sparql]");
  if (form) { sparql(form); }

  function sparql(form) {
    var textarea = form.querySelector("textarea");
    var format = form.querySelector("select[name=format]");
    var error = document.getElementById("sparql-error");
    var results = document.getElementById("sparql-results");
    var table = document.getElementById("sparql-table");
    var count = document.getElementById("sparql-count");
    var progress = form.parentNode.querySelector(".progress");
    var base = form.dataset.base + "id/";

    document.querySelectorAll("a.example").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        document.querySelectorAll("a.example").forEach(function (a) { a.removeAttribute("aria-current"); });
        link.setAttribute("aria-current", "true");
        textarea.value = link.dataset.query;
        history.replaceState(null, "", link.href);
        format.value = "json";
        run();
      });
    });

    form.addEventListener("submit", function (event) {
      if (format.value !== "json") { return; }  // other formats open as a file
      event.preventDefault();
      run();
    });

    function run() {
      error.hidden = true;
      results.hidden = true;
      progress.hidden = false;
      form.setAttribute("aria-busy", "true");
      var body = new URLSearchParams({ query: textarea.value, format: "json" });
      fetch("/sparql", { method: "POST", body: body, headers: { "Accept": "application/sparql-results+json" } })
        .then(function (response) {
          if (!response.ok) {
            return response.text().then(function (text) { throw new Error(text || response.statusText); });
          }
          return response.json();
        })
        .then(function (data) { done(); show(data); })
        .catch(function (err) {
          done();
          error.textContent = form.dataset.errorText + "\n" + err.message;
          error.hidden = false;
        });
    }

    function done() {
      progress.hidden = true;
      form.setAttribute("aria-busy", "false");
    }

    function show(data) {
      table.textContent = "";
      if (typeof data.boolean === "boolean") {
        var p = document.createElement("pre");
        p.textContent = String(data.boolean);
        table.appendChild(p);
        count.textContent = "";
      } else {
        var vars = data.head.vars || [];
        var rows = data.results.bindings || [];
        count.textContent = "(" + form.dataset.rowsText.replace("{n}", rows.length) + ")";
        if (!rows.length) {
          var empty = document.createElement("p");
          empty.textContent = form.dataset.emptyText;
          empty.className = "empty";
          table.appendChild(empty);
        } else {
          table.appendChild(tableOf(vars, rows.slice(0, 2000)));
        }
      }
      results.hidden = false;
      if (results.getBoundingClientRect().top > window.innerHeight * 0.6) {
        results.scrollIntoView({ block: "start" });  // below the fold: bring the answer into view
      }
    }

    function tableOf(vars, rows) {
      var t = document.createElement("table");
      t.className = "results";
      var head = t.createTHead().insertRow();
      vars.forEach(function (v) {
        var th = document.createElement("th");
        th.scope = "col";
        th.textContent = v;
        head.appendChild(th);
      });
      var body = t.createTBody();
      rows.forEach(function (row) {
        var tr = body.insertRow();
        vars.forEach(function (v) { cell(tr.insertCell(), row[v]); });
      });
      return t;
    }

    function cell(td, term) {
      if (!term) { return; }
      if (term.type === "uri") {
        var a = document.createElement("a");
        var local = term.value.indexOf(base) === 0 ? term.value.slice(base.length).split("#")[0] : null;
        a.href = local && local.split("/").length === 2 ? "/doc/" + local : term.value;
        a.textContent = local ? term.value.slice(base.length) : term.value;
        td.appendChild(a);
      } else {
        td.textContent = term.value;
        if (/#(integer|decimal|double|float)$/.test(term.datatype || "")) { td.className = "num"; }
      }
    }
  }
})();
