"""Print a page in headless Chromium and read the PDF back: the helpers of tests/test_print.py.

Chromium is driven through its DevTools protocol (``--remote-debugging-port``): it loads the
page from a ``file://`` URL, prints it to PDF on a given paper size, and runs the accessibility
checker (axe-core, pinned in tests/browser/package.json) inside the page.  poppler's
``pdfinfo``, ``pdftotext`` and ``pdftoppm`` read the PDF.

The README's picture of page 1 is made by the same code:

    python -m tests.printing docs/sheet-page1.png tms ect esketamine
"""

from __future__ import annotations

import base64
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
PAPERS = {"letter": (8.5, 11.0), "a4": (8.27, 11.69)}  # inches
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MARGIN_IN = 10 / 25.4  # the sheet's @page margin


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def missing() -> list[str]:
    """What the browser tests need and this machine lacks."""
    lacking = [] if chromium() else ["Chromium"]
    lacking += [tool for tool in ("pdfinfo", "pdftotext", "pdftoppm") if not shutil.which(tool)]
    try:
        import websocket  # noqa: F401
    except ImportError:
        lacking.append("the websocket-client package")
    if not AXE.is_file():
        lacking.append("axe-core (npm ci --prefix tests/browser)")
    return lacking


class Browser:
    """One headless Chromium with one page, driven over the DevTools protocol."""

    def __init__(self) -> None:
        import websocket

        exe = chromium()
        assert exe is not None
        self.profile = tempfile.mkdtemp(prefix="trd-chromium-")
        self.proc = subprocess.Popen(
            [
                exe,
                "--headless",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
                f"--user-data-dir={self.profile}",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-gpu",
                "--disable-extensions",
                *(["--no-sandbox"] if os.geteuid() == 0 else []),
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        port = self._port()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30) as r:
            targets = json.load(r)
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=120)
        self.next_id = 0

    def _port(self) -> int:
        assert self.proc.stderr is not None
        deadline = time.monotonic() + 60
        seen = []
        while time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if not line and self.proc.poll() is not None:
                break
            seen.append(line)
            m = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
            if m:
                return int(m[1])
        raise RuntimeError("Chromium did not start: " + "".join(seen)[-2000:])

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message["result"]
                return result

    def evaluate(self, expression: str) -> Any:
        result = self.call(
            "Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(str(result["exceptionDetails"])[:2000])
        return result["result"].get("value")

    def open(self, path: Path) -> None:
        self.call("Page.navigate", url=path.resolve().as_uri())
        deadline = time.monotonic() + 60
        while self.evaluate("document.readyState") != "complete":
            if time.monotonic() > deadline:
                raise RuntimeError(f"{path} did not load")
            time.sleep(0.05)

    def pdf(self, paper: str) -> bytes:
        """The open page printed on ``paper`` (letter or a4), portrait, as a browser prints."""
        width, height = PAPERS[paper]
        result = self.call(
            "Page.printToPDF",
            paperWidth=width,
            paperHeight=height,
            marginTop=MARGIN_IN,
            marginBottom=MARGIN_IN,
            marginLeft=MARGIN_IN,
            marginRight=MARGIN_IN,
            printBackground=True,
            displayHeaderFooter=False,
            preferCSSPageSize=False,
        )
        return base64.b64decode(result["data"])

    def axe(self) -> list[dict[str, Any]]:
        """The WCAG 2.1 A and AA violations axe-core finds in the open page."""
        self.evaluate(AXE.read_text(encoding="utf-8"))
        found = self.evaluate(
            "axe.run(document, {runOnly: {type: 'tag', values: "
            + json.dumps(WCAG_21_AA)
            + "}}).then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact,"
            " help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))))"
        )
        violations: list[dict[str, Any]] = json.loads(found)
        return violations

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            if self.proc.stderr is not None:
                self.proc.stderr.close()
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def pages(pdf: Path) -> int:
    return Reading(pdf).pages


def page_text(pdf: Path, first: int, last: int | None = None) -> str:
    """The text of pages ``first`` to ``last`` (1-based), as one line of single spaces."""
    return " ".join(Reading(pdf).text[first - 1 : last or first])


def column_text(pdf: Path, page: int) -> str:
    """The text of one page read as two columns, the left half and then the right (how the
    endnotes are set), as one line of single spaces."""
    return Reading(pdf).columns[page - 1]


class Reading:
    """What poppler reads in a PDF, each page as one line of single spaces: ``text`` as laid
    out, ``columns`` read as two columns, the left half of the page and then the right (how
    the endnotes are set).  Four poppler runs, however many pages."""

    def __init__(self, pdf: Path) -> None:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        m = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
        size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info.stdout, re.M)
        assert m is not None and size is not None, info.stdout
        self.pages = int(m[1])
        width, height = float(size[1]), float(size[2])
        half, tall = str(int(width / 2) + 1), str(int(height) + 1)
        self.text = self._per_page(["-layout", str(pdf)])
        halves = [
            self._per_page(["-x", str(int(x)), "-y", "0", "-W", half, "-H", tall, str(pdf)])
            for x in (0, width / 2)
        ]
        self.columns = [f"{left} {right}".strip() for left, right in zip(*halves, strict=True)]

    def _per_page(self, args: list[str]) -> list[str]:
        """pdftotext of every page (it ends each with a form feed), one string per page."""
        command = ["pdftotext", "-f", "1", "-l", str(self.pages), *args, "-"]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        found = [" ".join(page.split()) for page in out.split("\f")[: self.pages]]
        assert len(found) == self.pages, out
        return found


def picture(pdf: Path, png: Path, *, dpi: int = 80) -> None:
    """Page 1 of ``pdf`` as a PNG."""
    stem = png.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf), stem],
        check=True,
    )


def sheet_html(ids: list[str], *extra: str) -> str:
    """``trd compare IDS --format html`` with the built-in catalogue (made once per process)."""
    return _sheet_html(tuple(ids), extra)


@functools.cache
def _sheet_html(ids: tuple[str, ...], extra: tuple[str, ...]) -> str:
    from trd_cli.cli.app import app

    from .runner import CliRunner

    args = ["compare", *ids, *extra, "--format", "html"]
    result = CliRunner().invoke(app, args, env={"TRD_CATALOG": None})
    if result.exit_code != 0:
        raise RuntimeError(f"trd {' '.join(args)}: exit {result.exit_code}: {result.stderr}")
    return result.stdout


def main(argv: list[str]) -> None:
    png, ids = Path(argv[0]), argv[1:]
    with tempfile.TemporaryDirectory() as tmp, Browser() as browser:
        page = Path(tmp) / "sheet.html"
        page.write_text(sheet_html(ids), encoding="utf-8")
        browser.open(page)
        pdf = Path(tmp) / "sheet.pdf"
        pdf.write_bytes(browser.pdf("letter"))
        picture(pdf, png)
        print(f"{png}: page 1 of {pages(pdf)} Letter pages")


if __name__ == "__main__":
    main(sys.argv[1:] or ["docs/sheet-page1.png", "tms", "ect", "esketamine"])
