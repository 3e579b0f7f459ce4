/* Instant offline search over window.QUYCHE_INDEX (search-index.js), without diacritics: the same folding as
   the command line (quyche_cli.text.fold): no marks, đ as d, y as i, & as "và", punctuation as spaces. */
(function () {
  "use strict";
  var LIMIT = 30;
  var GROUP_ORDER = { unit: 0, page: 1, text: 2 };
  var root = document.documentElement.getAttribute("data-root") || "";
  var index = window.QUYCHE_INDEX || [];

  function fold(text) {
    return text
      .normalize("NFD")
      .toLowerCase()
      .replace(/&/g, " va ")
      .replace(/\p{M}/gu, "")
      .replace(/đ/g, "d")
      .replace(/y/g, "i")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  }

  /* Entries whose words start with every word typed; the phrase as typed first, then units, pages, text. */
  function find(query) {
    var folded = fold(query);
    if (!folded) return [];
    var words = folded.split(" ");
    var found = [];
    index.forEach(function (entry, position) {
      var key = " " + entry.k + " ";
      for (var i = 0; i < words.length; i++) {
        if (key.indexOf(" " + words[i]) < 0) return;
      }
      var phrase = key.indexOf(" " + folded + " ") >= 0 ? 0 : key.indexOf(" " + folded) >= 0 ? 1 : 2;
      found.push({ score: phrase * 10 + GROUP_ORDER[entry.g], position: position, entry: entry });
    });
    found.sort(function (a, b) { return a.score - b.score || a.position - b.position; });
    return found.map(function (f) { return f.entry; });
  }

  function show(input, status, list) {
    var query = input.value.trim();
    list.textContent = "";
    if (!query) {
      status.textContent = "";
      list.hidden = true;
      return;
    }
    var found = find(query);
    status.textContent = found.length
      ? found.length + " kết quả" + (found.length > LIMIT ? ", hiện " + LIMIT + " kết quả đầu" : "") + "."
      : "Không tìm thấy “" + query + "”.";
    found.slice(0, LIMIT).forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + entry.u;
      var title = document.createElement("strong");
      title.textContent = entry.t;
      link.appendChild(title);
      if (entry.s) {
        var detail = document.createElement("span");
        detail.textContent = entry.s;
        link.appendChild(detail);
      }
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = found.length === 0;
  }

  function start() {
    var input = document.getElementById("tim-kiem");
    var status = document.getElementById("tim-kiem-trang-thai");
    var list = document.getElementById("ket-qua");
    if (!input || !status || !list) return;
    input.addEventListener("input", function () { show(input, status, list); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        input.value = "";
        show(input, status, list);
      }
    });
    input.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) window.location.href = first.href;
    });
    if (input.value) show(input, status, list);
  }

  start();
})();
