// Screenshots of each page type at 375 and 1280 px, and each page's height,
// for a reviewer to look at. Uses puppeteer-core from .quality/ (installed by
// scripts/quality.sh) and Debian's Chromium. Output goes to .quality/screenshots/
// (gitignored), never into the repository.
// Usage: node scripts/screenshots.mjs SITE_FOLDER [PORT]   (scripts/screenshots.sh builds the site first)
// The folder is served as scripts/quality.sh serves it (scripts/quality-server.py).
import { createRequire } from "node:module";
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const require = createRequire(path.resolve(".quality/package.json"));
const puppeteer = require("puppeteer-core");
const [folder = ".quality/shots-site", port = "8792"] = process.argv.slice(2);
const base = `http://127.0.0.1:${port}`;
const server = spawn("python3", ["scripts/quality-server.py", folder, port], { stdio: "ignore" });
for (let tries = 0; tries < 50; tries++) {
  if (await fetch(base + "/").then(() => true, () => false)) break;
  await sleep(200);
}
const out = process.env.SHOTS_DIR ?? ".quality/screenshots";
const pages = {
  home: "/",
  articles: "/articles/",
  article: "/articles/staying-active-with-back-pain/",
  exercises: "/exercises/",
  exercise: "/exercises/knee-rolls/",
  tags: "/tags/",
  tag: "/tags/exercise/",
  about: "/about/",
  contact: "/contact/",
  "red-flags": "/red-flags/",
  "not-found": "/no-such-page/",
};

mkdirSync(out, { recursive: true });
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
try {
  for (const width of [375, 1280]) {
    for (const [name, url] of Object.entries(pages)) {
      const page = await browser.newPage();
      await page.setViewport({ width, height: 800 });
      await page.goto(base + url, { waitUntil: "load" });
      if (name === "red-flags") {
        // Tick one sign in each group, so the result box shows.
        await page.$$eval(".red-flag-group", groups => groups.forEach(g => g.querySelector("input").click()));
      }
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const file = `${out}/${name}-${width}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(`${url.padEnd(42)} ${String(width).padStart(4)} px wide: ${height} px tall  ${file}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.kill();
}
