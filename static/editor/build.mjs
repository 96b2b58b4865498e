// `make assets`: bundles static/editor/src into static/editor/editor.js (committed, so `make serve`
// needs no build) and gathers the licences of every package that ends up in the bundle.
import { build } from "esbuild";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = resolve(process.env.NODE_MODULES || join(here, "..", "..", "node_modules"));

const result = await build({
  entryPoints: [join(here, "src", "editor.js")],
  outfile: join(here, "editor.js"),
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "none",
  nodePaths: [modules],
  metafile: true,
  banner: { js: "/* Portal rich-text editor: TipTap and ProseMirror (MIT), see LICENSES.txt. Source: static/editor/src, rebuilt by `make assets`. */" },
  logLevel: "warning",
});

const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (!match || packages.has(match[1])) { continue; }
  const root = join(modules, match[1]);
  const meta = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const file = ["LICENSE", "LICENSE.md", "LICENSE.txt", "license"].map((n) => join(root, n)).find(existsSync);
  packages.set(match[1], { version: meta.version, license: meta.license, text: file ? readFileSync(file, "utf8").trim() : "" });
}
let out = "Packages bundled into static/editor/editor.js, with their licences.\n";
for (const [name, p] of [...packages].sort()) {
  out += `\n${"=".repeat(78)}\n${name} ${p.version} (${p.license})\n${"=".repeat(78)}\n${p.text || `Licensed under ${p.license}; the package ships no licence file.`}\n`;
}
writeFileSync(join(here, "LICENSES.txt"), out);
console.log(`static/editor/editor.js: ${packages.size} packages`);
