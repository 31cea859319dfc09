/* intstrat site: the project filters and the search, run in the browser.
   The data is window.intstratIndex from assets/index.LANG.js, loaded as a script
   so that it works from a folder on disk (file://) too. Without JavaScript every
   list is there in full; this only narrows it down. It makes no requests and
   writes record text with textContent only, never as markup. */
(function () {
  "use strict";
  var data = window.intstratIndex;
  if (!data) { return; }
  var body = document.body;
  var root = body.getAttribute("data-root") || "";
  var suffix = body.getAttribute("data-suffix") || "";
  var locale = document.documentElement.lang || "sv";

  /* The folding of `intstrat search` (query/search.py): letters that do not
     decompose are mapped, then marks are dropped and case folded. */
  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      out += Object.prototype.hasOwnProperty.call(data.fold, c) ? data.fold[c] : c;
    }
    return out.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }
  function terms(query) { return fold(query).split(/\s+/).filter(Boolean); }
  function matches(entry, words) {
    for (var i = 0; i < words.length; i++) {
      if (entry.w.indexOf(words[i]) < 0) { return false; }
    }
    return true;
  }
  function number(n) { return n.toLocaleString(locale); }
  function later(fn) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, 200); };
  }
  function item(entry, describe) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = root + entry.u + suffix;
    a.textContent = entry.t;
    if (entry.l) { a.lang = entry.l; }
    li.appendChild(a);
    var meta = document.createElement("span");
    meta.className = "meta";
    var status = document.createElement("span");
    status.className = "status";
    status.textContent = entry.sl;
    meta.appendChild(status);
    var rest = [entry.p, entry.pa, entry.o].filter(Boolean).join(" · ");
    if (rest) { meta.appendChild(document.createTextNode(" · " + rest)); }
    li.appendChild(meta);
    if (describe && entry.d) {
      var d = document.createElement("span");
      d.className = "meta";
      d.textContent = entry.d;
      li.appendChild(d);
    }
    return li;
  }

  var form = document.getElementById("filters");
  if (form) {
    var list = document.getElementById("project-list");
    var pages = document.getElementById("pages");
    var shown = document.getElementById("shown");
    var initial = Array.prototype.slice.call(list.children);
    var initialText = shown.textContent;
    var template = shown.getAttribute("data-template");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var text = document.getElementById("f-text");
    var apply = function () {
      var chosen = {};
      var active = false;
      selects.forEach(function (s) {
        if (s.value) { chosen[s.getAttribute("data-key")] = s.value; active = true; }
      });
      var words = terms(text.value);
      if (!active && !words.length) {
        list.replaceChildren.apply(list, initial);
        pages.hidden = false;
        shown.textContent = initialText;
        return;
      }
      var found = data.projects.filter(function (p) {
        for (var key in chosen) {
          var have = p[key];
          if (typeof have === "string" ? have !== chosen[key] : have.indexOf(chosen[key]) < 0) {
            return false;
          }
        }
        return matches(p, words);
      });
      var rows = document.createDocumentFragment();
      found.forEach(function (p) { rows.appendChild(item(p, false)); });
      list.replaceChildren(rows);
      pages.hidden = true;
      shown.textContent = template.replace("{n}", number(found.length))
        .replace("{total}", number(data.projects.length));
    };
    form.hidden = false;
    // Open on a wide screen; on a phone the list comes first and the filters fold out.
    if (window.matchMedia("(min-width: 40rem)").matches) {
      document.getElementById("filters-box").open = true;
    }
    form.addEventListener("change", apply);
    text.addEventListener("input", later(apply));
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  }

  var search = document.getElementById("search");
  if (search) {
    var input = document.getElementById("q");
    var results = document.getElementById("search-results");
    var hits = document.getElementById("hits");
    var run = function () {
      var words = terms(input.value);
      results.replaceChildren();
      if (!words.length) { hits.textContent = ""; return; }
      var found = [];
      data.projects.concat(data.partners).forEach(function (entry) {
        if (matches(entry, words)) {
          var title = fold(entry.t);
          var score = words.filter(function (w) { return title.indexOf(w) >= 0; }).length;
          found.push({ entry: entry, score: score });
        }
      });
      found.sort(function (a, b) {
        return b.score - a.score || a.entry.t.localeCompare(b.entry.t, locale);
      });
      var rows = document.createDocumentFragment();
      found.forEach(function (f) { rows.appendChild(item(f.entry, true)); });
      results.appendChild(rows);
      hits.textContent = found.length
        ? hits.getAttribute("data-template").replace("{n}", number(found.length))
        : hits.getAttribute("data-none");
    };
    input.value = new URLSearchParams(window.location.search).get("q") || "";
    search.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
      try {
        window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
      } catch (ignored) { /* some browsers refuse this for file:// pages */ }
    });
    input.addEventListener("input", later(run));
    run();
  }
}());
