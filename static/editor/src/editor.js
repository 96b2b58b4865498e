// The rich-text fields' WYSIWYG editor (TipTap on ProseMirror). Each <textarea data-richtext> is
// enhanced: a labelled toolbar, the editing surface, dialogs for links (search the portal's content or
// type an address) and images (the item's own files, alternative text required). The textarea stays
// the field that is submitted: the editor writes its HTML back into it on every change. Without
// JavaScript the textarea is the field, and takes the same HTML. Labels come from the server (data-
// attributes, already translated): this file has no catalog. No inline style or script: the CSP holds.
import { Editor, Extension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import Image from "@tiptap/extension-image";
import { Table, TableRow, TableHeader, TableCell } from "@tiptap/extension-table";
import { tidy, safeUrl } from "./tidy.js";

const MAC = /Mac|iPhone|iPad/.test(navigator.platform || "");
let counter = 0;

// Tables without the inline min-width style TipTap writes (refused by the CSP, removed by nh3 anyway)
const PlainTable = Table.extend({
  renderHTML({ HTMLAttributes }) { return ["table", HTMLAttributes, ["tbody", 0]]; },
});

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) { continue; }
    if (key === "text") { node.textContent = value; } else { node.setAttribute(key, value === true ? "" : value); }
  }
  for (const child of children) { if (child) { node.appendChild(child); } }
  return node;
}

function shortcutText(keys) {
  return keys.replace("Mod", MAC ? "⌘" : "Ctrl").replace(/-/g, "+");
}

function ariaShortcut(keys) {
  return keys.replace("Mod", MAC ? "Meta" : "Control").replace(/-/g, "+");
}

// What the toolbar offers: [name, glyph shown, keyboard shortcut, command, is it pressed now]
const ACTIONS = [
  ["bold", "B", "Mod-b", (c) => c.toggleBold(), (e) => e.isActive("bold")],
  ["italic", "I", "Mod-i", (c) => c.toggleItalic(), (e) => e.isActive("italic")],
  ["heading", "H2", "Mod-Alt-2", (c) => c.toggleHeading({ level: 2 }), (e) => e.isActive("heading", { level: 2 })],
  ["subheading", "H3", "Mod-Alt-3", (c) => c.toggleHeading({ level: 3 }), (e) => e.isActive("heading", { level: 3 })],
  ["bullet_list", "•", "Mod-Shift-8", (c) => c.toggleBulletList(), (e) => e.isActive("bulletList")],
  ["ordered_list", "1.", "Mod-Shift-7", (c) => c.toggleOrderedList(), (e) => e.isActive("orderedList")],
  ["quote", "“", "Mod-Shift-b", (c) => c.toggleBlockquote(), (e) => e.isActive("blockquote")],
  ["link", null, "Mod-k", null, (e) => e.isActive("link")],
  ["image", "▣", null, null, null],
  ["table", "▦", null, (c) => c.insertTable({ rows: 3, cols: 3, withHeaderRow: true }), null],
  ["add_row", "+⎯", null, (c) => c.addRowAfter(), null, "table"],
  ["add_column", "+⏐", null, (c) => c.addColumnAfter(), null, "table"],
  ["delete_row", "−⎯", null, (c) => c.deleteRow(), null, "table"],
  ["delete_column", "−⏐", null, (c) => c.deleteColumn(), null, "table"],
  ["delete_table", "✕▦", null, (c) => c.deleteTable(), null, "table"],
  ["undo", "↶", "Mod-z", (c) => c.undo(), null],
  ["redo", "↷", "Mod-Shift-z", (c) => c.redo(), null],
  ["source", "</>", null, null, null],
];

class RichTextField {
  constructor(area) {
    this.area = area;
    this.labels = JSON.parse(area.getAttribute("data-richtext") || "{}");
    this.images = JSON.parse(area.getAttribute("data-images") || "[]");
    this.linksUrl = area.getAttribute("data-links-url");
    this.id = "rte-" + (++counter);
    this.buttons = {};
    this.changed = false;  // until the user edits, the textarea keeps the HTML exactly as the server sent it
    this.build();
  }

  t(key) { return this.labels[key] || key; }

  build() {
    const area = this.area;
    const label = area.id ? document.getElementById("req-" + area.id) || document.querySelector(`label[for="${area.id}"]`) : null;
    if (label && !label.id) { label.id = this.id + "-label"; }
    this.toolbar = el("div", { class: "rte-toolbar", role: "toolbar", "aria-label": this.t("toolbar"),
      "aria-controls": this.id + "-surface" });
    for (const [name, glyph, keys, , , context] of ACTIONS) {
      if (name === "image" && !this.images.length) { continue; }
      const title = this.t(name) + (keys ? ` (${shortcutText(keys)})` : "");
      const pressable = ["bold", "italic", "heading", "subheading", "bullet_list", "ordered_list", "quote", "link", "source"].includes(name);
      const button = el("button", { type: "button", class: "rte-button rte-" + name, "data-action": name,
        "aria-label": this.t(name), title, tabindex: "-1", "aria-pressed": pressable ? "false" : null,
        "aria-keyshortcuts": keys ? ariaShortcut(keys) : null, "data-context": context || null },
      el("span", { "aria-hidden": "true", text: glyph || this.t(name) }));
      this.buttons[name] = button;
      this.toolbar.appendChild(button);
    }
    this.toolbar.firstChild.setAttribute("tabindex", "0");
    this.surface = el("div", { class: "rte-surface", id: this.id + "-surface" });
    this.wrapper = el("div", { class: "rte" }, this.toolbar, this.surface);
    area.parentNode.insertBefore(this.wrapper, area);
    this.wrapper.appendChild(area);

    const field = this;
    const Shortcuts = Extension.create({
      name: "portalShortcuts",
      addKeyboardShortcuts() {
        return {
          "Mod-k": () => { field.openLink(); return true; },
          "Alt-F10": () => { field.focusToolbar(); return true; },
        };
      },
    });
    const attributes = { role: "textbox", "aria-multiline": "true", class: "rte-content",
      spellcheck: "true", lang: area.getAttribute("lang") || document.documentElement.lang };
    if (label) { attributes["aria-labelledby"] = label.id; }
    for (const name of ["aria-describedby", "aria-invalid", "aria-required"]) {
      if (area.getAttribute(name)) { attributes[name] = area.getAttribute(name); }
    }
    if (area.required) { attributes["aria-required"] = "true"; }
    this.editor = new Editor({
      element: this.surface,
      injectCSS: false,
      content: tidy(area.value),
      extensions: [
        StarterKit.configure({
          heading: { levels: [2, 3, 4] },
          link: { openOnClick: false, autolink: true, HTMLAttributes: { target: null, rel: null, class: null },
            isAllowedUri: (url) => safeUrl(url) !== "" },
        }),
        Image.configure({ inline: false, allowBase64: false }),
        PlainTable.configure({ resizable: false }), TableRow, TableHeader, TableCell,
        Shortcuts,
      ],
      editorProps: {
        attributes,
        transformPastedHTML: (html) => tidy(html),
      },
      onUpdate: () => { this.changed = true; this.save(); },
      onSelectionUpdate: () => this.refresh(),
      onTransaction: () => this.refresh(),
    });
    area.hidden = true;
    if (label) {
      label.addEventListener("click", (event) => {
        if (area.hidden) { event.preventDefault(); this.editor.commands.focus(); }
      });
    }
    this.toolbar.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (button && !button.disabled) { this.run(button.getAttribute("data-action")); }
    });
    this.toolbar.addEventListener("keydown", (event) => this.toolbarKey(event));
    if (area.form) { area.form.addEventListener("submit", () => { if (area.hidden && this.changed) { this.save(); } }); }
    this.refresh();
  }

  save() {
    this.area.value = tidy(this.editor.getHTML());
  }

  run(name) {
    if (name === "source") { this.toggleSource(); return; }
    if (name === "link") { this.openLink(); return; }
    if (name === "image") { this.openImage(); return; }
    const action = ACTIONS.find((a) => a[0] === name);
    action[3](this.editor.chain().focus()).run();
  }

  refresh() {
    const source = !this.area.hidden;
    const inTable = this.editor.isActive("table");
    for (const [name, , , command, active, context] of ACTIONS) {
      const button = this.buttons[name];
      if (!button) { continue; }
      if (context === "table") { button.hidden = !inTable; }
      if (name !== "source") { button.disabled = source; }
      if (active) { button.setAttribute("aria-pressed", String(!source && active(this.editor))); }
      if (command && !source && (name === "undo" || name === "redo")) {
        button.disabled = !command(this.editor.can().chain()).run();
      }
    }
    this.buttons.source.setAttribute("aria-pressed", String(source));
    // the button that takes Tab must be one that can be reached
    const buttons = this.visibleButtons();
    if (!buttons.some((b) => b.getAttribute("tabindex") === "0")) {
      buttons.forEach((b, k) => b.setAttribute("tabindex", k === 0 ? "0" : "-1"));
    }
  }

  visibleButtons() {
    return Array.from(this.toolbar.querySelectorAll("button")).filter((b) => !b.hidden && !b.disabled);
  }

  // WAI-ARIA toolbar: one stop for Tab, arrows move between buttons, Escape goes back to the text
  toolbarKey(event) {
    const buttons = this.visibleButtons();
    const at = buttons.indexOf(document.activeElement);
    let next = null;
    if (event.key === "ArrowRight" || event.key === "ArrowDown") { next = buttons[(at + 1) % buttons.length]; }
    if (event.key === "ArrowLeft" || event.key === "ArrowUp") { next = buttons[(at - 1 + buttons.length) % buttons.length]; }
    if (event.key === "Home") { next = buttons[0]; }
    if (event.key === "End") { next = buttons[buttons.length - 1]; }
    if (event.key === "Escape" && this.area.hidden) { event.preventDefault(); this.editor.commands.focus(); return; }
    if (next) {
      event.preventDefault();
      buttons.forEach((b) => b.setAttribute("tabindex", b === next ? "0" : "-1"));
      next.focus();
    }
  }

  focusToolbar() {
    const current = this.toolbar.querySelector('button[tabindex="0"]') || this.visibleButtons()[0];
    if (current) { current.focus(); }
  }

  toggleSource() {
    const area = this.area;
    if (area.hidden) {
      if (this.changed) { this.save(); }
      area.hidden = false;
      this.surface.hidden = true;
      area.focus();
    } else {
      // the HTML as typed stays in the textarea until the next change made in the editor
      this.editor.commands.setContent(tidy(area.value), { emitUpdate: false });
      this.changed = false;
      area.hidden = true;
      this.surface.hidden = false;
      this.editor.commands.focus();
    }
    this.refresh();
  }

  dialog(titleKey, ...body) {
    const heading = el("h2", { id: this.id + "-" + titleKey, text: this.t(titleKey) });
    const error = el("p", { class: "rte-error", role: "alert" });
    const dialog = el("dialog", { class: "rte-dialog", "aria-labelledby": heading.id }, heading, ...body, error);
    dialog.addEventListener("close", () => { dialog.remove(); this.editor.commands.focus(); });
    document.body.appendChild(dialog);
    dialog.showError = (message) => { error.textContent = message; };
    return dialog;
  }

  openLink() {
    if (!this.area.hidden) { return; }
    const editor = this.editor;
    const current = editor.getAttributes("link").href || "";
    const inputId = this.id + "-href";
    const listId = this.id + "-found";
    const input = el("input", { type: "text", id: inputId, value: current, autocomplete: "off",
      "aria-describedby": this.id + "-href-help" });
    const status = el("p", { class: "rte-status", role: "status" });
    const found = el("ul", { class: "rte-found", id: listId });
    const apply = el("button", { type: "button", text: this.t("apply") });
    const remove = el("button", { type: "button", class: "secondary", text: this.t("remove_link"), hidden: !current });
    const cancel = el("button", { type: "button", class: "secondary", text: this.t("cancel") });
    const dialog = this.dialog("link_dialog",
      el("label", { for: inputId, text: this.t("link_address") }), input,
      el("p", { class: "form-text", id: this.id + "-href-help", text: this.t("link_help") }),
      status, found, el("div", { class: "rte-actions" }, apply, remove, cancel));

    const setLink = (href, text) => {
      const chain = editor.chain().focus().extendMarkRange("link");
      if (editor.state.selection.empty && !editor.isActive("link")) {
        chain.insertContent({ type: "text", text: text || href, marks: [{ type: "link", attrs: { href } }] }).run();
      } else {
        chain.setLink({ href }).run();
      }
      dialog.close();
    };
    let timer = null;
    let asked = 0;
    const search = () => {
      const words = input.value.trim();
      found.replaceChildren();
      status.textContent = "";
      if (!this.linksUrl || words.length < 2 || safeUrl(words)) { return; }
      const mine = ++asked;
      fetch(this.linksUrl + "?q=" + encodeURIComponent(words), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then((r) => (r.ok ? r.json() : { results: [] }))
        .then((data) => {
          if (mine !== asked) { return; }
          const results = data.results || [];
          status.textContent = results.length ? this.t("found").replace("{count}", results.length) : this.t("nothing_found");
          for (const hit of results) {
            const pick = el("button", { type: "button", class: "rte-pick", "data-href": hit.url },
              el("span", { text: hit.title }), el("small", { text: " · " + hit.type }));
            pick.addEventListener("click", () => setLink(hit.url, hit.title));
            found.appendChild(el("li", {}, pick));
          }
        })
        .catch(() => { status.textContent = this.t("nothing_found"); });
    };
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 250); });
    const submit = () => {
      const href = safeUrl(input.value);
      if (!href) { dialog.showError(this.t("link_invalid")); input.setAttribute("aria-invalid", "true"); input.focus(); return; }
      setLink(href);
    };
    input.addEventListener("keydown", (event) => { if (event.key === "Enter") { event.preventDefault(); submit(); } });
    apply.addEventListener("click", submit);
    remove.addEventListener("click", () => { editor.chain().focus().extendMarkRange("link").unsetLink().run(); dialog.close(); });
    cancel.addEventListener("click", () => dialog.close());
    dialog.showModal();
    input.focus();
  }

  openImage() {
    if (!this.area.hidden) { return; }
    const altId = this.id + "-alt";
    const name = this.id + "-image";
    const choices = el("fieldset", { class: "rte-images" }, el("legend", { text: this.t("image_choice") }));
    this.images.forEach((image, k) => {
      const id = `${name}-${k}`;
      choices.appendChild(el("div", { class: "rte-image-choice" },
        el("input", { type: "radio", name, id, value: image.url, checked: k === 0 }),
        el("label", { for: id }, el("img", { src: image.url, alt: "", loading: "lazy" }), el("span", { text: image.title }))));
    });
    const alt = el("input", { type: "text", id: altId, required: true, "aria-describedby": altId + "-help" });
    const insert = el("button", { type: "button", text: this.t("insert") });
    const cancel = el("button", { type: "button", class: "secondary", text: this.t("cancel") });
    const dialog = this.dialog("image_dialog", choices,
      el("label", { for: altId, text: this.t("alt_text") }), alt,
      el("p", { class: "form-text", id: altId + "-help", text: this.t("alt_help") }),
      el("div", { class: "rte-actions" }, insert, cancel));
    const submit = () => {
      const chosen = choices.querySelector("input:checked");
      const text = alt.value.trim();
      if (!text) { dialog.showError(this.t("alt_required")); alt.setAttribute("aria-invalid", "true"); alt.focus(); return; }
      if (!chosen) { return; }
      this.editor.chain().focus().setImage({ src: chosen.value, alt: text }).run();
      dialog.close();
    };
    alt.addEventListener("keydown", (event) => { if (event.key === "Enter") { event.preventDefault(); submit(); } });
    insert.addEventListener("click", submit);
    cancel.addEventListener("click", () => dialog.close());
    dialog.showModal();
    alt.focus();
  }
}

function start() {
  document.querySelectorAll("textarea[data-richtext]").forEach((area) => {
    if (!area.richText) { area.richText = new RichTextField(area); }
  });
}

if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
