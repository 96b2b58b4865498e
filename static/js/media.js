// Images and documents inside a form (portal.forms.MediaWidget): a file chosen or dropped is held on
// the server at once (POST /files/hold) and gets its row (preview, caption, alternative text, cover,
// order, remove) without the form being sent, so nothing typed is lost. Without this file the form
// sends the chosen files and they come back held.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".media[data-hold-url]").forEach(function (box) {
    var form = box.closest("form");
    var list = box.querySelector(".media-items");
    var template = box.querySelector("template");
    var input = box.querySelector("input[type=file]");
    var drop = box.querySelector(".media-drop");
    var status = box.querySelector(".media-status");
    var counter = 0;
    box.classList.add("media-js");

    // the order sent is the order shown: each row's position follows it (typed without this script)
    function renumber() {
      var rows = list.querySelectorAll(".media-item");
      rows.forEach(function (row, i) {
        row.querySelector(".media-up").disabled = i === 0;
        row.querySelector(".media-down").disabled = i === rows.length - 1;
        row.querySelector("input[name=position]").value = String(i + 1);
      });
    }

    function moved(row) {
      var rows = Array.prototype.slice.call(list.querySelectorAll(".media-item"));
      status.classList.remove("error");
      status.textContent = (box.getAttribute("data-moved") || "")
        .replace("{position}", String(rows.indexOf(row) + 1)).replace("{count}", String(rows.length));
    }

    function wire(row) {
      row.querySelectorAll(".media-up, .media-down").forEach(function (b) { b.hidden = false; });
      row.querySelector(".media-up").addEventListener("click", function () {
        var prev = row.previousElementSibling;
        if (prev) { list.insertBefore(row, prev); renumber(); moved(row); this.disabled ? row.querySelector(".media-down").focus() : this.focus(); }
      });
      row.querySelector(".media-down").addEventListener("click", function () {
        var next = row.nextElementSibling;
        if (next) { list.insertBefore(next, row); renumber(); moved(row); this.disabled ? row.querySelector(".media-up").focus() : this.focus(); }
      });
    }

    function addRow(held) {
      var row = template.content.firstElementChild.cloneNode(true);
      var id = box.id + "-new-" + (counter++);
      row.querySelectorAll("[data-name]").forEach(function (el) { el.name = el.getAttribute("data-name"); });
      row.querySelector("input[name=ref]").value = held.ref;
      row.querySelector(".media-name strong").textContent = held.filename;
      row.querySelectorAll("[data-id]").forEach(function (el) { el.id = id + "-" + el.getAttribute("data-id"); });
      row.querySelectorAll("label[data-for]").forEach(function (el) { el.htmlFor = id + "-" + el.getAttribute("data-for"); });
      var doc = row.querySelector(".media-doc");
      if (held.is_image) {
        var img = document.createElement("img");
        img.alt = "";
        img.width = 160;
        img.src = held.preview;
        doc.replaceWith(img);
        var radio = row.querySelector("input[name=cover]");
        radio.value = held.ref;
        if (!form.querySelector("input[name=cover]:checked")) { radio.checked = true; }
      } else {
        doc.textContent = held.filename.split(".").pop().toUpperCase().slice(0, 8);
        var only = row.querySelector(".media-image-only");
        var alt = document.createElement("input");
        alt.type = "hidden"; alt.name = "alt"; alt.value = "";
        only.replaceWith(alt);
      }
      list.appendChild(row);
      wire(row);
      renumber();
      return row;
    }

    function send(files) {
      var token = form.querySelector("input[name=csrf_token]");
      var messages = [];
      var pending = files.length;
      var first = null;
      Array.prototype.forEach.call(files, function (file) {
        var data = new FormData();
        data.append("csrf_token", token ? token.value : "");
        data.append("file", file, file.name);
        fetch(box.getAttribute("data-hold-url"), {method: "POST", body: data, credentials: "same-origin",
                                                  headers: {"X-CSRF-Token": token ? token.value : "", "Accept": "application/json"}})
          .then(function (response) { return response.json().catch(function () { return {error: response.statusText}; }); })
          .then(function (held) {
            if (held.ref) {
              var row = addRow(held);
              first = first || row;
            } else { messages.push(held.error); }
          })
          .catch(function () { messages.push(box.getAttribute("data-failed") || "Upload failed."); })
          .then(function () {
            pending -= 1;
            if (pending === 0) {
              status.textContent = messages.join(" ");
              status.classList.toggle("error", messages.length > 0);
              if (first) {
                var field = first.querySelector("input[name=alt]:not([type=hidden])") || first.querySelector("input[name=caption]");
                field.focus();
              }
            }
          });
      });
    }

    list.querySelectorAll(".media-item").forEach(wire);
    renumber();
    input.addEventListener("change", function () {
      if (input.files.length) { send(input.files); }
      input.value = "";  // held already: the form does not send it again
    });
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (event) { event.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function () { drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) { send(event.dataTransfer.files); }
    });
  });
});
