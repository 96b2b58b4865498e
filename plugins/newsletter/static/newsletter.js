// The newsletter's control panel, progressive enhancement only: every page works without it.
document.addEventListener("DOMContentLoaded", function () {
  // The editorial's language links become ARIA tabs (arrow keys move between them).
  document.querySelectorAll(".language-tabs").forEach(function (box) {
    var tabs = Array.prototype.slice.call(box.querySelectorAll(".tab-list a"));
    var panels = tabs.map(function (tab) { return document.getElementById(tab.getAttribute("href").slice(1)); });
    if (!tabs.length || panels.indexOf(null) !== -1) { return; }
    box.classList.add("js-tabs");
    box.querySelector(".tab-list").setAttribute("role", "tablist");
    tabs.forEach(function (tab, i) {
      tab.setAttribute("role", "tab");
      tab.parentNode.setAttribute("role", "presentation");
      tab.setAttribute("aria-controls", panels[i].id);
      panels[i].setAttribute("role", "tabpanel");
      panels[i].setAttribute("aria-labelledby", tab.id);
    });
    var select = portalTabs(tabs, panels);  // the core's tabs (static/js/portal.js)
    // the panel the address names, else one with an error, else the one the page chose
    function shown() {
      var target = location.hash && document.getElementById(location.hash.slice(1));
      var i = target ? panels.findIndex(function (p) { return p.contains(target); }) : -1;
      if (i === -1) { i = panels.findIndex(function (p) { return p.querySelector(".is-invalid, .invalid-feedback"); }); }
      if (i === -1) { i = tabs.findIndex(function (t) { return t.classList.contains("selected"); }); }
      return Math.max(i, 0);
    }
    select(shown(), false);
    window.addEventListener("hashchange", function () { select(shown(), false); });
  });

  // The schedule form: with no zone chosen before, start from the browser's own.
  var zone = document.querySelector("select[data-browser-zone=guess]");
  if (zone && window.Intl) {
    var mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (mine && zone.querySelector('option[value="' + mine.replace(/"/g, "") + '"]')) { zone.value = mine; }
  }

  // While an issue is being sent, its delivery section is fetched again every few seconds.
  var delivery = document.querySelector("#delivery[data-status=sending]");
  if (delivery && window.fetch && window.DOMParser) {
    var refresh = function () {
      fetch(location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) { return; }
          var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("delivery");
          if (!fresh) { return; }
          delivery.innerHTML = fresh.innerHTML;
          delivery.setAttribute("data-status", fresh.getAttribute("data-status"));
          if (fresh.getAttribute("data-status") === "sending") { window.setTimeout(refresh, 5000); }
        })
        .catch(function () { window.setTimeout(refresh, 15000); });
    };
    window.setTimeout(refresh, 5000);
  }
});
