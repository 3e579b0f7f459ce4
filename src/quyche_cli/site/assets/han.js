/* "còn N ngày" counted in the browser from its own today (Vietnam time), not frozen when the site was built:
   each deadline (data-han="YYYY-MM-DD") says how many days are left or that it is past; the home page shows
   the first data-hien deadlines not yet past; once every deadline of the year is past, the deadlines page
   points to the next year's. Without JavaScript the page shows what was true on the day it was built. */
(function () {
  "use strict";
  var DAY = 86400000;

  function today() {
    var parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
    return Date.parse(parts.slice(0, 10) + "T00:00:00Z");
  }

  function label(days) {
    if (days === 0) return "hôm nay";
    return days > 0 ? "còn " + days + " ngày" : "đã qua " + -days + " ngày";
  }

  function update() {
    var now = today();
    document.querySelectorAll("li[data-han]").forEach(function (item) {
      var days = Math.round((Date.parse(item.getAttribute("data-han") + "T00:00:00Z") - now) / DAY);
      var mark = item.querySelector(".con-lai");
      if (!mark) {
        mark = document.createElement("span");
        mark.className = "con-lai";
        item.querySelector(".han-ngay").append(" ", mark);
      }
      mark.textContent = label(days);
      item.classList.toggle("da-qua", days < 0);
    });
    document.querySelectorAll("ol[data-hien]").forEach(function (list) {
      var left = parseInt(list.getAttribute("data-hien"), 10);
      list.querySelectorAll("li[data-han]").forEach(function (item) {
        var show = !item.classList.contains("da-qua") && left > 0;
        item.hidden = !show;
        if (show) left -= 1;
      });
    });
    var shown = document.getElementById("hom-nay");
    if (shown) shown.textContent = new Date(now).toISOString().slice(0, 10).split("-").reverse().join("/");
    var next = document.getElementById("nam-sau-bao");
    var year = document.querySelectorAll("main > section:not(#nam-sau) li[data-han]");
    if (next && year.length) {
      next.hidden = !Array.prototype.every.call(year, function (item) {
        return item.classList.contains("da-qua");
      });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", update);
  else update();
})();
