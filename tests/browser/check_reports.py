#!/usr/bin/env python3
"""Loads negsim's HTML reports in headless Chromium and checks what a reader sees.

For each page given: no console error or uncaught exception, no request to
anything but the file itself (file:) or inline data (data:), every chart
drawn (each <svg> has a non-empty box and shapes inside), and a screenshot
of the expected size (the viewport, 1200x900) that is not blank (a reduced
copy has enough non-white pixels and contrast).

Talks to Chromium over the DevTools protocol on a pipe
(--remote-debugging-pipe: commands on fd 3, events and replies on fd 4,
each message JSON ended by a NUL byte), so no port is opened and nothing
beyond the standard library is needed.

usage: check_reports.py CHROMIUM PAGE.html...   (exit 0 when every page passes)
"""
import base64
import json
import os
import select
import struct
import subprocess
import sys
import time
import zlib

WIDTH, HEIGHT = 1200, 900
TIMEOUT = 30.0  # seconds Chromium may take to answer one command (CTest bounds the whole run)


class Browser:
    def __init__(self, chromium):
        to_child_r, self.to_child_w = os.pipe()
        self.from_child_r, from_child_w = os.pipe()
        # Chromium reads fd 3 and writes fd 4.
        def setup():
            # The pipe's own numbers may be 3 or 4 already: go through fresh
            # descriptors so that dup2 never maps a descriptor onto itself.
            read_end, write_end = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)
        args = [chromium, "--headless=new", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--user-data-dir=" + os.environ.get("NEGSIM_BROWSER_PROFILE", "/tmp/negsim-browser-profile"),
                "--window-size=%d,%d" % (WIDTH, HEIGHT), "about:blank"]
        # The pipe ends are close-on-exec; the dup2'ed fds 3 and 4 are not, so
        # only they reach Chromium (close_fds would close them too).
        self.process = subprocess.Popen(args, preexec_fn=setup, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=False)
        os.close(to_child_r)
        os.close(from_child_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.deadline = time.monotonic() + TIMEOUT

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_child_w, json.dumps(message).encode() + b"\0")
        return self.next_id

    def read_message(self):
        while b"\0" not in self.buffer:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self.from_child_r], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.from_child_r, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method, params=None, session=None):
        self.deadline = time.monotonic() + TIMEOUT
        wanted = self.send(method, params, session)
        while True:
            message = self.read_message()
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError("%s: %s" % (method, message["error"]))
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method, session):
        self.deadline = time.monotonic() + TIMEOUT
        for i, event in enumerate(self.events):
            if event.get("method") == method and event.get("sessionId") == session:
                return self.events.pop(i)
        while True:
            message = self.read_message()
            if message.get("method") == method and message.get("sessionId") == session:
                return message
            self.events.append(message)

    def close(self):
        try:
            self.send("Browser.close")
            self.process.wait(timeout=5)
        except Exception:
            self.process.kill()


def png_size(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return struct.unpack(">II", data[16:24])


def png_pixels(data):
    """Grey levels of an 8-bit RGB/RGBA PNG (all five row filters)."""
    width, height = png_size(data)
    depth, colour = data[24], data[25]
    if depth != 8 or colour not in (2, 6):
        raise ValueError("unsupported PNG (depth %d, colour type %d)" % (depth, colour))
    channels = 3 if colour == 2 else 4
    idat, pos = b"", 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    grey = []
    for y in range(height):
        kind = raw[y * (stride + 1)]
        row = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = row[i - channels] if i >= channels else 0
            up = previous[i]
            if kind == 1:
                row[i] = (row[i] + left) & 255
            elif kind == 2:
                row[i] = (row[i] + up) & 255
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 255
            elif kind == 4:
                corner = previous[i - channels] if i >= channels else 0
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        grey.extend((row[i] + row[i + 1] + row[i + 2]) // 3 for i in range(0, stride, channels))
        previous = row
    return grey


def check_page(browser, path):
    problems = []
    target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.call(domain + ".enable", session=session)
    browser.call("Emulation.setDeviceMetricsOverride",
                 {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False}, session)
    url = "file://" + os.path.abspath(path)
    browser.call("Page.navigate", {"url": url}, session)
    browser.wait_for("Page.loadEventFired", session)
    charts = browser.call("Runtime.evaluate", {"returnByValue": True, "expression": """
        JSON.stringify({
          figures: document.querySelectorAll('figure.chart').length,
          svgs: Array.from(document.querySelectorAll('svg')).map(s => {
            const r = s.getBoundingClientRect();
            return {id: s.id, width: r.width, height: r.height,
                    shapes: s.querySelectorAll('rect,circle,line,polygon,polyline,path,text').length};
          })
        })"""}, session)["result"]["value"]
    charts = json.loads(charts)
    if charts["figures"] != len(charts["svgs"]):
        problems.append("%d figures but %d svg elements" % (charts["figures"], len(charts["svgs"])))
    for svg in charts["svgs"]:
        if svg["width"] < 50 or svg["height"] < 50 or svg["shapes"] < 5:
            problems.append("chart %s did not draw (%s)" % (svg["id"], svg))
    shot = base64.b64decode(browser.call("Page.captureScreenshot", {"format": "png"}, session)["data"])
    if png_size(shot) != (WIDTH, HEIGHT):
        problems.append("screenshot is %dx%d, expected %dx%d" % (png_size(shot) + (WIDTH, HEIGHT)))
    small = base64.b64decode(browser.call("Page.captureScreenshot", {
        "format": "png", "clip": {"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT, "scale": 0.25}}, session)["data"])
    grey = png_pixels(small)
    ink = sum(1 for g in grey if g < 200) / len(grey)
    mean = sum(grey) / len(grey)
    spread = (sum((g - mean) ** 2 for g in grey) / len(grey)) ** 0.5
    if ink < 0.01 or spread < 10:
        problems.append("screenshot looks blank (%.2f%% dark pixels, grey spread %.1f)" % (100 * ink, spread))
    # Everything the page did, now that it has loaded and been drawn.
    browser.call("Runtime.evaluate", {"expression": "1"}, session)  # flush pending events
    for event in [e for e in browser.events if e.get("sessionId") == session]:
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            request = params["request"]["url"]
            if not (request.startswith("file://") or request.startswith("data:")):
                problems.append("request leaves the file: " + request)
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            problems.append("console error: " + params["entry"].get("text", ""))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            problems.append("console error: " + str(params.get("args")))
        elif method == "Runtime.exceptionThrown":
            problems.append("exception: " + str(params.get("exceptionDetails", {}).get("text")))
    browser.events = [e for e in browser.events if e.get("sessionId") != session]
    browser.call("Target.closeTarget", {"targetId": target})
    return problems, len(charts["svgs"]), ink


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    browser = Browser(sys.argv[1])
    failed = 0
    try:
        for path in sys.argv[2:]:
            problems, count, ink = check_page(browser, path)
            status = "ok" if not problems else "FAILED"
            print("%s: %s (%d charts, %.1f%% ink)" % (path, status, count, 100 * ink))
            for problem in problems:
                print("  " + problem)
            failed += bool(problems)
    finally:
        browser.close()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
