// Progressive enhancement only: every page works without this file.

// WAI-ARIA tabs: one of panels shown at a time, its tab selected; a click or the arrow, Home and End
// keys move between tabs. Returns select(index, focus). The newsletter's editorial uses it too.
function portalTabs(tabs, panels) {
  function select(index, focus) {
    tabs.forEach(function (tab, i) {
      var on = i === index;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      panels[i].hidden = !on;
    });
    if (focus) { tabs[index].focus(); }
  }
  tabs.forEach(function (tab, i) {
    tab.addEventListener("click", function (event) { event.preventDefault(); select(i, false); });
    tab.addEventListener("keydown", function (event) {
      var to = {ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1}[event.key];
      if (to === undefined) { return; }
      event.preventDefault();
      select((to + tabs.length) % tabs.length, true);
    });
  });
  return select;
}
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
  // Translatable fields: the language fieldsets become a tablist, one language shown at a time
  // (WAI-ARIA tabs: arrow keys, Home and End move between tabs); a language with an error opens first.
  document.querySelectorAll("[data-translatable]").forEach(function (box, n) {
    var panels = Array.prototype.slice.call(box.querySelectorAll(":scope > .translatable-panel"));
    if (panels.length < 2) { return; }
    // no label of its own: it sits in the field's fieldset, whose legend names the field
    var list = document.createElement("div");
    list.setAttribute("role", "tablist");
    list.className = "translatable-tabs";
    var tabs = panels.map(function (panel) {
      var tab = document.createElement("button");
      var legend = panel.querySelector("legend");
      tab.type = "button";
      tab.id = "tab-" + panel.id;
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panel.id);
      tab.className = "translatable-tab" + (panel.classList.contains("has-error") ? " has-error" : "");
      // the language's name, a mark on the required one; "(required)" / "(optional)" said, not shown
      var language = legend && legend.querySelector(".translatable-language");
      var need = legend && legend.querySelector(".translatable-need");
      tab.appendChild(document.createTextNode(language ? language.textContent.trim() : panel.getAttribute("data-lang")));
      if (panel.hasAttribute("data-required")) {
        var mark = document.createElement("span");
        mark.className = "translatable-mark";
        mark.setAttribute("aria-hidden", "true");
        mark.textContent = "*";
        tab.appendChild(mark);
      }
      if (need) {
        var said = document.createElement("span");
        said.className = "visually-hidden";
        said.textContent = " " + need.textContent.trim();
        tab.appendChild(said);
      }
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      list.appendChild(tab);
      return tab;
    });
    var select = portalTabs(tabs, panels);
    // a link of the error summary to a language that is not shown: show it first
    panels.forEach(function (panel, i) {
      panel.querySelectorAll("[id]").forEach(function (el) {
        document.querySelectorAll('.error-summary a[href="#' + el.id + '"]').forEach(function (link) {
          link.addEventListener("click", function () { select(i, false); });
        });
      });
    });
    box.classList.add("tabbed");
    box.insertBefore(list, box.firstChild);
    var wrong = panels.findIndex(function (panel) { return panel.classList.contains("has-error"); });
    select(wrong < 0 ? 0 : wrong, false);
  });
  // A form sent back with errors: start at its summary, which links to each field to fix.
  var summary = document.querySelector("form .error-summary");
  if (summary) {
    summary.closest("form").querySelectorAll("[autofocus]").forEach(function (el) { el.removeAttribute("autofocus"); });
    summary.focus();
  }
  // Wide tables: below the phone breakpoint every row of a listing is a card, each cell labelled with its
  // column's visible header (data-label, shown by the CSS). The ARIA roles keep the table's semantics once the
  // CSS changes how its parts display.
  document.querySelectorAll("table.listing:not(.side-by-side)").forEach(function (table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head) { return; }
    var labels = [];
    Array.prototype.forEach.call(head.cells, function (th) {
      var shown = th.cloneNode(true);
      shown.querySelectorAll(".visually-hidden").forEach(function (el) { el.remove(); });
      for (var i = 0; i < (th.colSpan || 1); i++) { labels.push(shown.textContent.trim()); }
      th.setAttribute("role", "columnheader");
    });
    table.setAttribute("role", "table");
    table.classList.add("stackable");
    Array.prototype.forEach.call(table.querySelectorAll("thead, tbody, tfoot"), function (group) {
      group.setAttribute("role", "rowgroup");
    });
    Array.prototype.forEach.call(table.rows, function (row) {
      row.setAttribute("role", "row");
      if (row.parentNode === table.tHead) { return; }
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        if (cell.tagName === "TH") { cell.setAttribute("role", "rowheader"); } else { cell.setAttribute("role", "cell"); }
        if (labels[column] && !cell.hasAttribute("data-label")) { cell.setAttribute("data-label", labels[column]); }
        column += cell.colSpan || 1;
      });
      var first = row.cells[0];  // a row that starts with its link: the link is the card's title
      if (first && first.firstElementChild && first.firstElementChild.tagName === "A") { first.classList.add("card-title"); }
    });
  });
  // A table wider than its box scrolls sideways: the box then takes the keyboard's focus (arrow keys scroll it)
  // and is named after the table's caption or heading. Checked again when the window changes size.
  function scrollable() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      var wide = wrap.scrollWidth > wrap.clientWidth + 1;
      if (wide && !wrap.hasAttribute("tabindex")) {
        var heading = wrap.querySelector("caption");
        for (var el = wrap.previousElementSibling; !heading && el; el = el.previousElementSibling) {
          if (/^H[1-6]$/.test(el.tagName)) { heading = el; }
        }
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("data-scroll-focus", "");
        if (heading && heading.textContent.trim() && !wrap.hasAttribute("aria-label")) {
          wrap.setAttribute("role", "region");
          wrap.setAttribute("aria-label", heading.textContent.trim());
        }
      } else if (!wide && wrap.hasAttribute("data-scroll-focus")) {
        ["tabindex", "data-scroll-focus", "role", "aria-label"].forEach(function (name) { wrap.removeAttribute(name); });
      }
    });
  }
  scrollable();
  var resized;
  window.addEventListener("resize", function () { clearTimeout(resized); resized = setTimeout(scrollable, 150); });
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
});
