/* The conference check-in page (#checkin): scans QR codes with the camera (the browser's BarcodeDetector,
   where it exists; else the code is typed), works offline from the list of registrations downloaded
   beforehand, keeps the check-ins made offline in localStorage and sends them when the connection is
   back (the server counts each person once per day or session, so sending twice is harmless), and
   keeps the counts live. Without this script the form posts each code as any form does. */
(function () {
  "use strict";
  var root = document.getElementById("checkin");
  if (!root) { return; }
  var form = root.querySelector("form");
  var codeInput = form && form.querySelector("input[name=code]");
  var scopeSelect = form && form.querySelector("select[name=scope]");
  if (!form || !codeInput || !scopeSelect) { return; }
  var key = "portal-checkin-" + root.dataset.event;
  var result = document.getElementById("checkin-result");
  var status = document.getElementById("checkin-status");
  var list = load("list", null);
  var sending = false;

  function load(name, fallback) {
    try { return JSON.parse(localStorage.getItem(key + "-" + name)) || fallback; } catch (e) { return fallback; }
  }
  function save(name, value) {
    try { localStorage.setItem(key + "-" + name, JSON.stringify(value)); } catch (e) { /* full: kept in memory */ }
  }
  function say(name, values) {
    var text = root.dataset["t" + name.charAt(0).toUpperCase() + name.slice(1)] || "";
    Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(values[k]); });
    return text;
  }
  function show(text, refused) {
    result.textContent = text;
    result.classList.toggle("is-refused", !!refused);
  }
  function queue() { return load("queue", []); }
  function showStatus() {
    var waiting = queue().length;
    status.textContent = waiting ? say("queued", {count: waiting}) :
      (list ? say("list", {count: list.registrations.length}) : "");
  }
  function setCounts(counts) {
    Object.keys(counts).forEach(function (name) {
      var node = root.querySelector("[data-count=" + name + "]");
      if (node && typeof counts[name] === "number") { node.textContent = counts[name]; }
    });
  }
  function localHere() {
    var scope = scopeSelect.value;
    return list ? list.registrations.filter(function (r) { return r.checked.indexOf(scope) >= 0; }).length : null;
  }

  function fetchList() {
    return fetch(root.dataset.listUrl, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) {
        queue().forEach(function (item) { mark(data, item.code, item.scope); });
        list = data;
        save("list", list);
        showStatus();
      }).catch(showStatus);
  }
  function find(data, code) {
    for (var i = 0; data && i < data.registrations.length; i++) {
      if (data.registrations[i].code === code) { return data.registrations[i]; }
    }
    return null;
  }
  function mark(data, code, scope) {
    var found = find(data, code);
    if (found && found.checked.indexOf(scope) < 0) { found.checked.push(scope); }
  }

  function refreshCounts() {
    if (!navigator.onLine) { return; }
    var url = root.dataset.countsUrl + "?scope=" + encodeURIComponent(scopeSelect.value);
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (counts) { if (counts) { setCounts(counts); } })
      .catch(function () { /* offline: the local count stays */ });
  }

  function send() {
    var items = queue();
    if (sending || !items.length || !navigator.onLine) { showStatus(); return Promise.resolve(); }
    sending = true;
    return fetch(root.dataset.syncUrl, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": root.dataset.csrf},
      body: JSON.stringify({check_ins: items})
    }).then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (answer) {
        var sent = items.length;
        save("queue", queue().slice(sent));  // those scanned while sending stay
        setCounts(answer.counts);
        if (!queue().length) { status.textContent = say("sent"); }
        refreshCounts();
      }).catch(showStatus).then(function () { sending = false; });
  }

  function checkIn(raw) {
    var code = (raw || "").trim().toLowerCase().replace(/\s+/g, "");
    if (!code) { return; }
    var scope = scopeSelect.value;
    var found = find(list, code);
    if (!found) { show(say("unknown"), true); return; }
    if (found.checked.indexOf(scope) >= 0) { show(say("already", {name: found.name})); return; }
    found.checked.push(scope);
    save("list", list);
    var items = queue();
    items.push({code: code, scope: scope, at: new Date().toISOString()});
    save("queue", items);
    show(say("welcome", {name: found.name}));
    var here = root.querySelector("[data-count=here]");
    if (here) { here.textContent = localHere(); }
    showStatus();
    send();
  }

  form.addEventListener("submit", function (event) {
    if (!list) { return; }  // no list on this device yet: the form posts the code itself
    event.preventDefault();
    checkIn(codeInput.value);
    codeInput.value = "";
    codeInput.focus();
  });
  scopeSelect.addEventListener("change", function () {
    var label = root.querySelector("[data-scope-label]");
    if (label) { label.textContent = scopeSelect.options[scopeSelect.selectedIndex].text; }
    var here = root.querySelector("[data-count=here]");
    if (here && list) { here.textContent = localHere(); }
    if (window.history && history.replaceState) {
      history.replaceState(null, "", "?scope=" + encodeURIComponent(scopeSelect.value));
    }
    refreshCounts();
  });
  window.addEventListener("online", function () { send().then(fetchList); });
  window.addEventListener("offline", showStatus);

  // the camera: a QR code read a few times a second; the same code is not read twice in a row
  var button = document.getElementById("checkin-camera");
  var video = document.getElementById("checkin-video");
  if ("BarcodeDetector" in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia && button) {
    button.parentNode.hidden = false;
    var start = button.textContent, stream = null, last = "", detector = null;
    var stop = function () {
      if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }
      stream = null; video.hidden = true; button.textContent = start;
    };
    var scan = function () {
      if (!stream) { return; }
      detector.detect(video).then(function (codes) {
        var value = codes.length ? codes[0].rawValue : "";
        if (value && value !== last) { last = value; checkIn(value); setTimeout(function () { last = ""; }, 3000); }
      }).catch(function () { /* a frame not ready */ }).then(function () { setTimeout(scan, 250); });
    };
    button.addEventListener("click", function () {
      if (stream) { stop(); return; }
      try { detector = new window.BarcodeDetector({formats: ["qr_code"]}); } catch (e) { show(say("camera"), true); return; }
      navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}, audio: false}).then(function (s) {
        stream = s; video.srcObject = s; video.hidden = false; button.textContent = say("stop");
        return video.play();
      }).then(scan).catch(function () { stop(); show(say("camera"), true); });
    });
  }

  showStatus();
  fetchList().then(send);
  setInterval(function () { send(); refreshCounts(); }, 15000);
}());
