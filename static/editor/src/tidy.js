// The HTML the portal keeps (the same allow-list as portal/sanitize.py): what is pasted from a word
// processor and what the editor writes back into the textarea go through tidy(). The server cleans
// again with nh3; this only spares the user a surprise after saving.

const TAGS = new Set(["p", "br", "strong", "em", "u", "s", "a", "ul", "ol", "li", "h2", "h3", "h4",
  "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td", "img", "figure",
  "figcaption", "sub", "sup"]);
const RENAMED = { b: "strong", i: "em", strike: "s", del: "s", ins: "u", h1: "h2", h5: "h4", h6: "h4" };
const ATTRIBUTES = { a: ["href", "title", "hreflang"], img: ["src", "alt", "width", "height"],
  th: ["scope", "colspan", "rowspan"], td: ["colspan", "rowspan"] };
// dropped with everything inside them
const DROPPED = new Set(["script", "style", "head", "title", "meta", "link", "template", "iframe", "object",
  "embed", "noscript", "svg", "math", "xml", "form", "input", "button", "select", "textarea"]);
const SAFE_URL = /^(https?:|mailto:|\/|#)/i;

// Attributes are read from the text before any parsing: even an inert document built by DOMParser
// reports (without running them) the handlers and style attributes it meets as CSP violations.
const TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/g;
const ATTR = /\s+([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;

function withoutInline(html) {
  return html.replace(TAG, (tag, name, attrs, slash) => {
    const kept = attrs.replace(ATTR, (attr, key, value) => {
      const lower = key.toLowerCase();
      if (lower === "style") {
        // Word marks bold and italic with styles on spans: keep that much, as flags
        const style = (value || "").toLowerCase();
        return (/font-weight:\s*(bold|[6-9]00)/.test(style) ? " data-rte-bold" : "")
          + (/font-style:\s*italic/.test(style) ? " data-rte-italic" : "");
      }
      return lower.startsWith("on") ? "" : attr;
    });
    return "<" + name + kept + slash + ">";
  });
}

export function safeUrl(value) {
  const url = (value || "").trim();
  return SAFE_URL.test(url) && !url.startsWith("//") ? url : "";
}

function cleanChildren(source, target, doc) {
  for (const node of Array.from(source.childNodes)) {
    if (node.nodeType === 3) {
      target.appendChild(doc.createTextNode(node.nodeValue));
      continue;
    }
    if (node.nodeType !== 1) { continue; }  // comments, Word's conditional comments, processing instructions
    let name = node.localName.toLowerCase();
    if (DROPPED.has(name) || name.includes(":")) { continue; }  // <o:p>, <w:sdt>, <v:shape>
    name = RENAMED[name] || name;
    if (name === "span" || name === "font") {
      const bold = node.hasAttribute("data-rte-bold");
      const italic = node.hasAttribute("data-rte-italic");
      let inner = target;
      if (bold) { inner = inner.appendChild(doc.createElement("strong")); }
      if (italic) { inner = inner.appendChild(doc.createElement("em")); }
      cleanChildren(node, inner, doc);
      continue;
    }
    if (name === "div" || name === "section" || name === "article") {
      const block = Array.from(node.children).some((c) => /^(p|div|h\d|ul|ol|table|blockquote|pre)$/i.test(c.localName));
      cleanChildren(node, block ? target : target.appendChild(doc.createElement("p")), doc);
      continue;
    }
    if (!TAGS.has(name)) {
      cleanChildren(node, target, doc);
      continue;
    }
    const copy = doc.createElement(name);
    for (const attr of ATTRIBUTES[name] || []) {
      let value = node.getAttribute(attr);
      if (value === null) { continue; }
      if (attr === "href" || attr === "src") { value = safeUrl(value); }
      if (value !== "") { copy.setAttribute(attr, value); }
    }
    if (name === "img" && !copy.getAttribute("src")) { continue; }
    cleanChildren(node, copy, doc);
    if (name === "a" && !copy.getAttribute("href")) {
      while (copy.firstChild) { target.appendChild(copy.firstChild); }
      continue;
    }
    target.appendChild(copy);
  }
}

export function tidy(html) {
  // DOMParser's document is inert: no script runs and no image loads while it is read
  const parsed = new DOMParser().parseFromString(withoutInline(html || ""), "text/html");
  const out = document.implementation.createHTMLDocument("");
  const root = out.createElement("div");
  cleanChildren(parsed.body, root, out);
  // one block a line, as the HTML typed in the textarea was: revisions are compared (and concurrent
  // edits of a wiki page merged) line by line
  const lines = [];
  let inline = "";
  for (const node of Array.from(root.childNodes)) {
    const html = node.nodeType === 3 ? node.nodeValue.replace(/[<>&]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;" })[c]) : node.outerHTML;
    if (node.nodeType === 1 && /^(p|h\d|ul|ol|blockquote|pre|table|figure|hr)$/.test(node.localName)) {
      if (inline.trim()) { lines.push(inline.trim()); }
      inline = "";
      lines.push(html);
    } else {
      inline += html;
    }
  }
  if (inline.trim()) { lines.push(inline.trim()); }
  // an empty paragraph is what an empty editor holds: keep nothing rather than <p></p>
  const text = lines.join("\n");
  return text === "<p></p>" ? "" : text;
}
