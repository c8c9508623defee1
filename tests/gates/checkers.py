"""The web's own checkers, driven from the tests: axe-core, the W3C Nu HTML checker, Lighthouse,
and what the browser fetched. Each formats its findings so a failure names the rule, the page and
the element."""

import gzip
import json
import os
import re
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = Path(os.environ.get("VNU_JAR", NODE_MODULES / "vnu-jar/build/dist/vnu.jar"))
LIGHTHOUSE_BIN = Path(os.environ.get("LIGHTHOUSE_BIN", NODE_MODULES / ".bin/lighthouse"))
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
MISSING_TOOLS = "run `make node_modules` (npm ci) first"

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
# Anything else is refused by the browser (and logged): a page that needs another host fails, quietly or not.
FOREIGN_URL = re.compile(r"^(?:https?|wss?)://(?!(?:127\.0\.0\.1|localhost|\[::1\])[:/])")


# What each gate measured and how long it took: printed at the end of the run (tests/gates/conftest.py).
REPORT = []


def gate_report(line, started=None):
    REPORT.append(f"{line} ({time.monotonic() - started:.1f} s)" if started is not None else line)


# ---- axe-core -------------------------------------------------------------------------------

WCAG21AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG21AA_TAGS}, "resultTypes": ["violations"]}


def axe_script():
    """axe-core as bundled with axe-playwright-python (the version its release pins)."""
    import axe_playwright_python

    return Path(axe_playwright_python.__file__).with_name("axe.min.js")


def with_axe(context):
    """Load axe-core into every page of a browser context as it opens, instead of evaluating the
    half-megabyte script again for each check (what axe-playwright-python's Axe.run does)."""
    context.add_init_script(path=axe_script())


def axe_violations(page):
    """axe-core on the whole page (a context prepared by with_axe), WCAG 2.1 A and AA rules only."""
    return page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]


def format_violations(violations, where):
    lines = []
    for v in violations:
        lines.append(f"{where}: [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl'].split('?')[0]})")
        for node in v["nodes"]:
            lines.append("    at " + " > ".join(str(t) for t in node["target"]))
            lines.append("       " + node["html"][:300])
            if node.get("failureSummary"):
                lines.append("       " + node["failureSummary"].replace("\n", "\n       "))
    return "\n".join(lines)


# ---- network --------------------------------------------------------------------------------


class NetworkLog:
    """Every request a browser context makes: documents, styles, scripts, images, fetches, the favicon."""

    def __init__(self, context):
        self.requests = []
        self.responses = []
        self.pending = set()
        # Playwright's .on() refuses builtins such as list.append: wrap them.
        context.on("request", self._started)
        context.on("requestfinished", lambda request: self.pending.discard(request))
        context.on("requestfailed", lambda request: self.pending.discard(request))
        context.on("response", lambda response: self.responses.append(response))

    def _started(self, request):
        self.requests.append(request)
        self.pending.add(request)

    def clear(self):
        self.requests.clear()
        self.responses.clear()

    def settle(self, page, quiet_ms=150, timeout_ms=10_000):
        """Wait until the page's scripts have had their answers (no request in flight for `quiet_ms`).

        Playwright's "networkidle" waits 500 ms each time; our pages make a few local requests.
        """
        quiet = waited = 0
        while quiet < quiet_ms and waited < timeout_ms:
            page.wait_for_timeout(50)
            waited += 50
            quiet = 0 if self.pending else quiet + 50

    def foreign(self):
        """URLs of requests to any host but this machine."""
        return sorted(
            {
                r.url
                for r in self.requests
                if urlsplit(r.url).scheme not in ("data", "blob", "about")
                and urlsplit(r.url).hostname not in LOCAL_HOSTS
            }
        )

    def of_type(self, *types):
        return sorted({r.url for r in self.requests if r.resource_type in types})


class ConsoleLog:
    """Errors a page reports: failing scripts, what the CSP blocked, files that were not found."""

    def __init__(self, page):
        self.errors = []
        page.on("console", self._message)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))

    def _message(self, message):
        if message.type == "error":
            url = (message.location or {}).get("url", "")
            self.errors.append(f"{message.text} {url}".strip())

    def clear(self):
        self.errors.clear()


def gzipped_size(body):
    return len(gzip.compress(body, compresslevel=6, mtime=0))


def page_weight(responses, types=("document", "stylesheet", "script")):
    """[(type, url, raw bytes, gzipped bytes)] of the HTML, CSS and JS a page loaded.

    Gzipped by us: the test server compresses neither styles nor scripts, production does (WhiteNoise),
    so our own gzip is the number that does not depend on where the page is served from.
    """
    rows = []
    seen = set()
    for response in responses:
        request = response.request
        if request.resource_type not in types or response.status != 200 or response.url in seen:
            continue
        seen.add(response.url)
        body = response.body()
        rows.append((request.resource_type, response.url, len(body), gzipped_size(body)))
    return rows


# ---- Content-Security-Policy ----------------------------------------------------------------


def csp_directives(header):
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def csp_problems(header):
    """What lets inline code run, or what is missing, in a Content-Security-Policy header."""
    if not header:
        return ["no Content-Security-Policy header"]
    directives = csp_directives(header)
    problems = []
    for kind in ("script", "style"):
        for name in (f"{kind}-src", f"{kind}-src-elem", f"{kind}-src-attr"):
            sources = directives.get(name)
            if name == f"{kind}-src" and sources is None:
                sources = directives.get("default-src")
                if sources is None:
                    problems.append(f"neither {name} nor default-src: {kind}s from anywhere are allowed")
                    continue
            for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"):
                if sources and unsafe in sources:
                    problems.append(f"{name} allows {unsafe}")
    return problems


# ---- W3C Nu HTML checker --------------------------------------------------------------------

# C1 JIT only: a third faster for a JVM that lives seconds, but then it needs a bigger stack for the
# HTML schema (without -Xss8m: StackOverflowError and no report).
VNU_JVM = ["-XX:TieredStopAtLevel=1", "-Xss8m"]


def vnu_errors(files):
    """Check HTML files in one JVM run; returns the error messages (fatal ones and unreadable files too)."""
    if not VNU_JAR.exists():
        raise RuntimeError(f"The Nu HTML checker is not installed ({VNU_JAR}): {MISSING_TOOLS}")
    command = ["java", *VNU_JVM, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout"]
    result = subprocess.run([*command, *map(str, files)], capture_output=True, text=True, timeout=600)  # noqa: S603
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise RuntimeError(f"vnu gave no report (exit {result.returncode}): {result.stderr[-2000:]}") from error
    return [m for m in report["messages"] if m["type"] in ("error", "non-document-error")]


def format_vnu(messages, names):
    """`names` maps file URLs (file:/…/x.html) to what a reader would recognise (page name and address)."""
    lines = []
    for m in messages:
        where = names.get(m.get("url", ""), m.get("url", "?"))
        if "lastLine" in m:
            where += f" line {m['lastLine']}, column {m.get('firstColumn', m.get('lastColumn'))}"
        lines.append(f"{where}: {m['message']}")
        if m.get("extract"):
            lines.append("    " + m["extract"].replace("\n", "⏎"))
    return "\n".join(lines)


# ---- Lighthouse -----------------------------------------------------------------------------

LIGHTHOUSE_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def lighthouse(url, categories=("accessibility", "best-practices", "seo"), retries=1):
    """One Lighthouse run, phone profile (the default: Moto G Power, slow 4G, 4x CPU slowdown); the report.

    Plain `lighthouse` exits 0 whatever the scores: the report is read instead. Retried once: on a
    loaded machine a run can die (Chrome start or protocol timeout) without a report.
    """
    if not LIGHTHOUSE_BIN.exists():
        raise RuntimeError(f"Lighthouse is not installed ({LIGHTHOUSE_BIN}): {MISSING_TOOLS}")
    for attempt in range(retries + 1):
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "report.json"
            command = [
                str(LIGHTHOUSE_BIN),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                f"--only-categories={','.join(categories)}",
                "--form-factor=mobile",
                f"--chrome-flags={LIGHTHOUSE_FLAGS}",
                "--disable-full-page-screenshot",
            ]
            env = {**os.environ, "CHROME_PATH": CHROMIUM}
            result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)  # noqa: S603
            report = json.loads(out.read_text()) if out.exists() else None
        if report and not report.get("runtimeError"):
            return report
        if attempt == retries:
            problem = report["runtimeError"] if report else result.stderr[-3000:]
            raise RuntimeError(f"Lighthouse failed on {url} (exit {result.returncode}): {problem}")
    raise AssertionError("unreachable")


def lighthouse_scores(report):
    return {name: round((category["score"] or 0) * 100) for name, category in report["categories"].items()}


def lighthouse_failures(report, category):
    """The audits that cost `category` points: id, title, what was found and the elements."""
    lines = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if not ref.get("weight") or audit["scoreDisplayMode"] in ("informative", "manual", "notApplicable"):
            continue
        if audit["score"] is not None and audit["score"] >= 1:
            continue
        lines.append(f"  {ref['id']}: {audit['title']} {audit.get('displayValue', '')}".rstrip())
        for item in (audit.get("details") or {}).get("items", [])[:10]:
            node = item.get("node") or {}
            if node:
                lines.append(f"      at {node.get('selector', '')}  {node.get('snippet', '')[:200]}")
            elif item.get("url"):
                lines.append(f"      {item['url']}")
    return lines
