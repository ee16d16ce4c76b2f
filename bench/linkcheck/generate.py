#!/usr/bin/env python3
"""Writes a deterministic synthetic static site for the link-checker benchmark.

Usage: generate.py OUT_DIR [PAGES]

PAGES article pages (default 10000) plus their listing pages, a home page, an
about and a privacy page. Each article looks like a real one: head with
canonical link, stylesheet, script and icon; skip link, header and nav; six
sections with headings (ids), paragraphs with about thirty internal links
(relative and root-relative, most with #fragments to headings of other pages,
some to this page), two pictures with <source srcset> and <img srcset>, a
related-articles list, two external links, and a footer with mailto: and tel:.
Every link works, so a correct checker finds nothing.
"""
import os
import random
import sys

out = sys.argv[1]
pages = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
rng = random.Random(20261125)
per_listing = 100
images = 300
sections = 6
base = "https://bench.example"
words = ("back pain posture lumbar spine stretch gentle exercise core strength hamstring hip mobility "
         "walking breathing rest sleep desk chair lifting bend knee rotation physiotherapy advice flare "
         "recovery nerve sciatica disc muscle tension warm cool routine daily habit movement relief").split()
external = [f"https://www.nhs.uk/conditions/topic-{i}/" for i in range(12)] + \
           [f"https://www.csp.org.uk/public-patient/advice-{i}" for i in range(8)]


def text(n):
    return " ".join(rng.choice(words) for _ in range(n))


def write(path, html):
    full = os.path.join(out, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8", newline="\n") as f:
        f.write(html)


def slug(i):
    return f"a-{i:05d}"


def head(title, canonical):
    return (f'<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{title} | Bench Clinic</title>\n<meta name="description" content="{text(18)}">\n'
            f'<link rel="canonical" href="{base}{canonical}">\n'
            f'<link rel="stylesheet" href="/assets/site.css">\n<link rel="icon" href="/favicon.ico">\n'
            f'<script src="/assets/app.js" defer></script>\n</head>\n<body>\n'
            f'<a class="skip-link" href="#main">Skip to content</a>\n'
            f'<header class="site-header">\n<a class="brand" href="/">Bench Clinic</a>\n'
            f'<nav aria-label="Main"><ul><li><a href="/">Home</a></li><li><a href="/articles/">Articles</a></li>'
            f'<li><a href="/about/">About</a></li><li><a href="/privacy/">Privacy</a></li>'
            f'<li><a href="/articles/{slug(0)}/#section-1">Start here</a></li></ul></nav>\n</header>\n')


def foot():
    return ('<footer class="site-footer">\n<p class="disclaimer">General advice, not a diagnosis.</p>\n'
            '<p>Bench Clinic, 1 Test Street. <a href="mailto:hello@bench.example?subject=Appointment">Email us</a> '
            'or <a href="tel:+442079460000">call 020 7946 0000</a>. <a href="/privacy/#cookies">Cookies</a></p>\n'
            '</footer>\n</body>\n</html>\n')


def picture(k):
    img = f"/media/img-{k:03d}"
    return (f'<figure><picture><source type="image/webp" srcset="{img}-400.webp 400w, {img}-800.webp 800w, {img}-1200.webp 1200w" '
            f'sizes="(min-width: 48em) 40rem, 100vw">'
            f'<img src="{img}-800.jpg" srcset="{img}-400.jpg 400w, {img}-800.jpg 800w, {img}-1200.jpg 1200w" '
            f'sizes="(min-width: 48em) 40rem, 100vw" width="800" height="450" loading="lazy" decoding="async" alt="{text(6)}">'
            f'</picture><figcaption>{text(8)}</figcaption></figure>\n')


def link(i):
    target = rng.randrange(pages)
    kind = rng.random()
    label = text(3)
    if kind < 0.35:
        return f'<a href="../{slug(target)}/#section-{rng.randint(1, sections)}">{label}</a>'
    if kind < 0.65:
        return f'<a href="/articles/{slug(target)}/#section-{rng.randint(1, sections)}">{label}</a>'
    if kind < 0.80:
        return f'<a href="/articles/{slug(target)}/">{label}</a>'
    if kind < 0.92:
        return f'<a href="#section-{rng.randint(1, sections)}">{label}</a>'
    return f'<a href="../{slug(target)}/index.html#title">{label}</a>'


for i in range(pages):
    parts = [head(text(5).capitalize(), f"/articles/{slug(i)}/"),
             '<main id="main">\n<article>\n',
             f'<p class="breadcrumb"><a href="../">Articles</a> / <a href="../page/{i // per_listing + 1}/">Page {i // per_listing + 1}</a></p>\n',
             f'<h1 id="title">{text(6).capitalize()}</h1>\n']
    for s in range(1, sections + 1):
        parts.append(f'<h2 id="section-{s}">{text(4).capitalize()}</h2>\n')
        for _ in range(2):
            sentence = [text(rng.randint(6, 14))]
            for _ in range(rng.randint(2, 3)):
                sentence.append(link(i))
                sentence.append(text(rng.randint(4, 10)))
            parts.append("<p>" + " ".join(sentence) + ".</p>\n")
        if s in (2, 5):
            parts.append(picture(rng.randrange(images)))
    parts.append('<h2 id="related">Related</h2>\n<ul class="related">')
    for _ in range(10):
        parts.append(f'<li><a href="/articles/{slug(rng.randrange(pages))}/">{text(4)}</a></li>')
    parts.append('</ul>\n')
    parts.append(f'<p>Further reading: <a href="{rng.choice(external)}" rel="noopener">{text(3)}</a> and '
                 f'<a href="{rng.choice(external)}" rel="noopener">{text(3)}</a>.</p>\n')
    parts.append('</article>\n</main>\n')
    parts.append(foot())
    write(f"articles/{slug(i)}/index.html", "".join(parts))

listings = (pages + per_listing - 1) // per_listing
for p in range(1, listings + 1):
    items = "".join(f'<li><a href="/articles/{slug(i)}/">{text(5)}</a> <a href="../../{slug(i)}/#section-1">Start</a></li>'
                    for i in range((p - 1) * per_listing, min(p * per_listing, pages)))
    nav = (f'<a href="../{p - 1}/">Previous</a> ' if p > 1 else "") + (f'<a href="../{p + 1}/">Next</a>' if p < listings else "")
    write(f"articles/page/{p}/index.html",
          head(f"Articles, page {p}", f"/articles/page/{p}/") + f'<main id="main">\n<h1>Articles</h1>\n<ul>{items}</ul>\n<p>{nav}</p>\n</main>\n' + foot())

pager = "".join(f'<li><a href="page/{p}/">Page {p}</a></li>' for p in range(1, listings + 1))
write("articles/index.html", head("Articles", "/articles/") + f'<main id="main">\n<h1>Articles</h1>\n<ul>{pager}</ul>\n</main>\n' + foot())
write("index.html", head("Home", "/") + f'<main id="main">\n<h1>Bench Clinic</h1>\n{picture(0)}<p><a href="articles/">All articles</a></p>\n</main>\n' + foot())
write("about/index.html", head("About", "/about/") + f'<main id="main">\n<h1 id="about">About</h1>\n<p>{text(80)}</p>\n</main>\n' + foot())
write("privacy/index.html", head("Privacy", "/privacy/") + f'<main id="main">\n<h1>Privacy</h1>\n<h2 id="cookies">Cookies</h2>\n<p>{text(60)}</p>\n</main>\n' + foot())

os.makedirs(os.path.join(out, "media"), exist_ok=True)
for k in range(images):
    for width in (400, 800, 1200):
        for ext in ("jpg", "webp"):
            with open(os.path.join(out, "media", f"img-{k:03d}-{width}.{ext}"), "wb") as f:
                f.write(b"\xff\xd8\xff\xe0" if ext == "jpg" else b"RIFF\x00\x00\x00\x00WEBP")
os.makedirs(os.path.join(out, "assets"), exist_ok=True)
with open(os.path.join(out, "assets", "site.css"), "w", encoding="utf-8") as f:
    f.write("body { font-family: system-ui, sans-serif; }\n")
with open(os.path.join(out, "assets", "app.js"), "w", encoding="utf-8") as f:
    f.write("'use strict';\n")
with open(os.path.join(out, "favicon.ico"), "wb") as f:
    f.write(b"\x00\x00\x01\x00")
print(f"{pages + listings + 4} pages written to {out}")
