// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  var toggle = document.querySelector(".menu-toggle");
  var nav = document.getElementById("site-nav");
  if (toggle && nav) {
    document.documentElement.classList.add("js");
    var openLabel = toggle.textContent, closeLabel = toggle.getAttribute("data-close-label") || openLabel;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      toggle.textContent = open ? openLabel : closeLabel;
      nav.classList.toggle("open", !open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        toggle.click();
        toggle.focus();
      }
    });
  }
  // A listing's filters on a phone: closed behind their "Filters (n)" button, which opens them over the
  // page; Escape or the button closes them. On a wide screen they are always shown.
  var drawer = document.querySelector("details.filters-drawer");
  if (drawer) {
    var phone = window.matchMedia("(max-width: 48rem)");
    var fit = function () { drawer.open = !phone.matches; };
    fit();
    phone.addEventListener("change", fit);
    drawer.addEventListener("toggle", function () {
      document.body.classList.toggle("drawer-open", drawer.open && phone.matches);
    });
    drawer.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.open && phone.matches) {
        drawer.open = false;
        drawer.querySelector("summary").focus();
      }
    });
  }
  // The main menu's groups: one open at a time; Escape or a click elsewhere closes it.
  var groups = document.querySelectorAll(".main-nav details.submenu");
  groups.forEach(function (group) {
    group.addEventListener("toggle", function () {
      if (group.open) { groups.forEach(function (other) { if (other !== group) { other.open = false; } }); }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    groups.forEach(function (group) {
      if (group.open) { group.open = false; group.querySelector("summary").focus(); }
    });
  });
  document.addEventListener("click", function (event) {
    groups.forEach(function (group) { if (group.open && !group.contains(event.target)) { group.open = false; } });
  });
  // The browser's time zone, so that pages show times in it (unless the account names another).
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var cookie = document.cookie.split("; ").filter(function (c) { return c.indexOf("portal_tz=") === 0; })[0];
    if (zone && (!cookie || decodeURIComponent(cookie.slice(10)) !== zone)) {
      document.cookie = "portal_tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; SameSite=Lax" +
        (location.protocol === "https:" ? "; Secure" : "");
    }
  } catch (e) { /* no Intl: times stay in the site's zone */ }
  // A form sent back with errors: start at its summary, which links to each field to fix.
  var summary = document.querySelector("form .error-summary");
  if (summary) {
    summary.closest("form").querySelectorAll("[autofocus]").forEach(function (el) { el.removeAttribute("autofocus"); });
    summary.focus();
  }
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
});
