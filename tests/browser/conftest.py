"""Fixtures for real-browser tests: a `streamlit run app.py` server on a free
port over a temporary copy of the data, and Debian's /usr/bin/chromium driven
by Playwright (never `playwright install`). A missing chromium is a failure
with a clear message, not a skip: CI installs it with scripts/setup.sh.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "tests" / "artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data_dir: Path, log: Path, seeds_dir: Path | None = None):
    port = free_port()
    env = dict(os.environ, ZHIBIAO_DATA_DIR=str(data_dir), PYTHONUNBUFFERED="1")
    if seeds_dir:
        env["ZHIBIAO_SEEDS_DIR"] = str(seeds_dir)
    out = open(log, "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
         "--client.toolbarMode", "viewer"],
        cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}: {log.read_text()[-2000:]}")
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                return proc, url, out
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError(f"streamlit not healthy after 60 s: {log.read_text()[-2000:]}")


def stop_server(proc, out) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    out.close()


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory) -> Path:
    """A temporary copy of the seed corpus (built once from seeds/ if the
    project's data/ is not there), so tests never write the real data/."""
    from extractors import corpus
    target = tmp_path_factory.mktemp("data") / "data"
    source = Path(corpus.DATA_DIR)
    if source.is_dir() and any(source.iterdir()) and not corpus.is_stale(data_dir=source):
        shutil.copytree(source, target)
    else:
        target.mkdir()
        corpus.ensure_seed_corpus(data_dir=target, seeds_dir=ROOT / "seeds")
    return target


@pytest.fixture(scope="session")
def server(data_dir, tmp_path_factory):
    proc, url, out = start_server(data_dir, tmp_path_factory.mktemp("log") / "streamlit.log")
    yield url
    stop_server(proc, out)


@pytest.fixture(scope="session")
def national_server(tmp_path_factory):
    """A server over the national work reports, run through the real pipeline."""
    from extractors import corpus
    from national import national_reports
    reports = national_reports(tmp_path_factory.mktemp("reports"))
    data = tmp_path_factory.mktemp("national") / "data"
    report = corpus.add_paths([reports], data_dir=data, workers=1)
    assert not report.errors and report.added >= 3, report
    proc, url, out = start_server(data, tmp_path_factory.mktemp("log") / "national.log")
    yield url, data
    stop_server(proc, out)


HOSTILE = ["营*业*收入", "$$x$$", "~~x~~", "`x`", "[a](http://x)", "<b>x</b>"]


@pytest.fixture(scope="session")
def hostile_server(tmp_path_factory):
    """A server over one document whose file name, title, indicator and text carry markdown and HTML."""
    import json
    from extractors import corpus
    folder = tmp_path_factory.mktemp("hostile")
    stem = "营*业*收入 $$x$$ ~~x~~ `x` [a](x) <b>x<b>"  # a file name cannot hold '/'
    title = " ".join(HOSTILE)
    (folder / f"{stem}.txt").write_text(
        f"{title}\n\n2023年，全市营*业*收入增长5%，$$x$$规模达到120亿元，~~x~~完成投资30亿元，"
        "`x`项目12个，[a](http://x)企业8家，<b>x</b>产值增长6%。\n", encoding="utf-8")
    (folder / f"{stem}.meta.json").write_text(json.dumps({"title": title, "published": "2023-05-01"},
                                                         ensure_ascii=False), encoding="utf-8")
    data = tmp_path_factory.mktemp("hostile_data") / "data"
    report = corpus.add_paths([folder], data_dir=data, workers=1)
    assert report.added == 1, report
    proc, url, out = start_server(data, tmp_path_factory.mktemp("log") / "hostile.log")
    yield url, data
    stop_server(proc, out)


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium and fonts-noto-cjk "
                    "(bash scripts/setup.sh); browser tests do not skip", pytrace=False)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def wait_idle(page, timeout: float = 30_000) -> None:
    """Wait until the script run triggered by the last interaction is done."""
    page.wait_for_timeout(300)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]",
                           state="attached", timeout=timeout)


def page_opener(browser, base: str):
    """open(query='', width, height) -> a page on the dashboard at `base` with a chart drawn."""
    contexts = []

    def _open(query: str = "", width: int = 1400, height: int = 1000):
        ctx = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True,
                                  locale="zh-CN", timezone_id="Asia/Shanghai")
        contexts.append(ctx)
        page = ctx.new_page()
        page.goto(base + "/" + (f"?{query}" if query else ""))
        page.wait_for_selector(".vega-embed svg", timeout=60_000)
        wait_idle(page)
        return page

    return _open, contexts


@pytest.fixture()
def open_page(browser, server):
    """open_page(query='') -> a page on the seed corpus with charts drawn."""
    _open, contexts = page_opener(browser, server)
    yield _open
    for ctx in contexts:
        ctx.close()


@pytest.fixture()
def open_national(browser, national_server):
    _open, contexts = page_opener(browser, national_server[0])
    yield _open
    for ctx in contexts:
        ctx.close()


@pytest.fixture()
def open_hostile(browser, hostile_server):
    _open, contexts = page_opener(browser, hostile_server[0])
    yield _open
    for ctx in contexts:
        ctx.close()
