#!/usr/bin/env python3
"""Save-to-reload time and memory of `serve` (see docs/serve.md, "Measurements").

Starts `serve` on a site, waits for the first build, listens to the live-reload
events, then edits one article's body SAVES times (appending a sentence, half a
second apart) and times each save, from the file's write to the `reload` event.
Prints each time, the median, and serve's resident memory (now and peak, from
/proc) after the first build and after the saves.

    bench/serve-reload.py --exe dist/backcaresite --content /tmp/large/content \
        --templates templates --article articles/some-article.md --saves 10

--exe is the native executable (scripts/publish-native.sh), or pass
--dotnet to run `dotnet run --project generator -c Release --no-build --`.
The article is edited in place and restored at the end.
"""
import argparse
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memory(pid):
    fields = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) // 1024
    return fields.get("VmRSS", 0), fields.get("VmHWM", 0)


def main():
    # Stopped from outside: still restore the article and stop serve (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    parser = argparse.ArgumentParser()
    parser.add_argument("--exe")
    parser.add_argument("--dotnet", action="store_true")
    parser.add_argument("--content", required=True)
    parser.add_argument("--templates", default="templates")
    parser.add_argument("--article", required=True, help="path of the article to edit, relative to the content folder")
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--first-build-timeout", type=float, default=900)
    parser.add_argument("--timings", action="store_true", help="pass --timings to serve (its lines show each stage)")
    parser.add_argument("--settle", type=float, default=0,
                        help="seconds to wait after the last save before reading the memory again (the runtime gives "
                             "memory back to the system over several seconds after its background collection)")
    args = parser.parse_args()

    port = free_port()
    command = ([args.exe] if args.exe else ["dotnet", "run", "--project", "generator", "-c", "Release", "--no-build", "--"]) + [
        "serve", "--content", args.content, "--templates", args.templates, "--port", str(port)] + (["--timings"] if args.timings else [])
    started = time.monotonic()
    serve = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = []

    def read_output():
        for line in serve.stdout:
            lines.append(line.rstrip("\n"))

    threading.Thread(target=read_output, daemon=True).start()
    article = os.path.join(args.content, args.article)
    with open(article, encoding="utf-8") as f:
        original = f.read()
    try:
        events = None
        version = None
        deadline = time.monotonic() + args.first_build_timeout
        while time.monotonic() < deadline:
            try:
                events = http.client.HTTPConnection("127.0.0.1", port, timeout=args.first_build_timeout)
                events.request("GET", "/__backcaresite/events")
                response = events.getresponse()
                break
            except OSError:
                time.sleep(0.2)
        reload_versions = []
        arrived = threading.Event()

        def read_events():
            name = None
            while True:
                line = response.fp.readline()
                if not line:
                    return
                line = line.decode("utf-8").strip()
                if line.startswith("event:"):
                    name = line[6:].strip()
                elif line.startswith("data:"):
                    reload_versions.append((name, int(line[5:].strip()), time.monotonic()))
                    arrived.set()

        threading.Thread(target=read_events, daemon=True).start()
        # The first build is done when a page is served instead of the "Building" page.
        while time.monotonic() < deadline:
            page = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            page.request("GET", "/")
            body = page.getresponse().read()
            if b"Building the site" not in body:
                break
            time.sleep(0.5)
        first_build = time.monotonic() - started
        time.sleep(2)
        rss, peak = memory(serve.pid)
        print(f"first build served after {first_build:.1f} s; memory {rss} MB, peak {peak} MB")
        times = []
        for n in range(args.saves):
            time.sleep(0.5)
            seen = len(reload_versions)
            arrived.clear()
            with open(article, "a", encoding="utf-8") as f:
                written = time.monotonic()
                f.write(f"\nEdit number {n + 1} of the benchmark.\n")
            while not any(e[0] == "reload" for e in reload_versions[seen:]):
                if not arrived.wait(120):
                    sys.exit("no reload event within 120 s")
                arrived.clear()
            at = next(e[2] for e in reload_versions[seen:] if e[0] == "reload")
            times.append((at - written) * 1000)
            print(f"save {n + 1}: {times[-1]:.0f} ms")
        if args.settle > 0:
            rss, _ = memory(serve.pid)
            print(f"memory right after the last save {rss} MB; waiting {args.settle:.0f} s")
            time.sleep(args.settle)
        rss, peak = memory(serve.pid)
        print(f"median {statistics.median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f}, {len(times)} saves); "
              f"memory {rss} MB, peak {peak} MB")
        print("serve's own lines:")
        for line in lines[-(args.saves * (2 if args.timings else 1)) - 1:]:
            print("  " + line)
    finally:
        with open(article, "w", encoding="utf-8") as f:
            f.write(original)
        serve.terminate()
        serve.wait(30)


if __name__ == "__main__":
    main()
