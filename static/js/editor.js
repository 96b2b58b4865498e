// A small formatting toolbar for the rich-text fields: it writes HTML tags around the selection.
// Without JavaScript the field is a plain textarea that accepts the same HTML.
(function () {
  function wrap(area, before, after) {
    var start = area.selectionStart, end = area.selectionEnd, value = area.value;
    var chosen = value.slice(start, end);
    area.value = value.slice(0, start) + before + chosen + after + value.slice(end);
    area.focus();
    area.setSelectionRange(start + before.length, start + before.length + chosen.length);
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }
  function setup(toolbar) {
    var area = document.getElementById(toolbar.getAttribute("data-target"));
    if (!area) { return; }
    toolbar.hidden = false;
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) { return; }
      var tag = button.getAttribute("data-tag");
      if (tag) {
        var block = button.hasAttribute("data-block");
        wrap(area, (block ? "\n" : "") + "<" + tag + ">", "</" + tag + ">" + (block ? "\n" : ""));
      } else if (button.hasAttribute("data-list")) {
        var kind = button.getAttribute("data-list");
        var lines = area.value.slice(area.selectionStart, area.selectionEnd).split("\n").filter(Boolean);
        var items = (lines.length ? lines : [""]).map(function (l) { return "  <li>" + l + "</li>"; }).join("\n");
        var start = area.selectionStart;
        area.setRangeText("\n<" + kind + ">\n" + items + "\n</" + kind + ">\n", start, area.selectionEnd, "end");
        area.focus();
      } else if (button.hasAttribute("data-link")) {
        var href = window.prompt(button.getAttribute("data-prompt"), "https://");
        if (href && /^(https?:|mailto:|\/)/.test(href)) {
          wrap(area, '<a href="' + href.replace(/"/g, "&quot;") + '">', "</a>");
        }
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".richtext-toolbar").forEach(setup);
  });
})();
