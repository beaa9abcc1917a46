"""A public page under load against a static file of the same size, over real HTTP (gunicorn, loopback).

    .venv/bin/python bench/page_cache.py                        # SQLite, then PostgreSQL (scripts/with-postgres)
    .venv/bin/python bench/page_cache.py --database sqlite --rounds 9 --requests 1600 --workers 4

gunicorn runs the production settings (whitenoise serves the static files after ``collectstatic``
into a throw-away directory; the page cache is files in another). The static file is the page's
own HTML, saved under ``STATIC_ROOT`` before the server starts, so both answers have the same
size and type. A bounded load client (``--clients`` threads, 8 by default, each sending its share
of ``--requests`` one after another, each request on a new connection as gunicorn's sync workers
want, 30 s timeout) runs against the page, the static file, and the page on a second server whose
page cache is switched off (``dummycache://``), in interleaved rounds. Every answer must be 200 with
the expected length, or the run fails. Printed: requests per second of each, and the page's share
of the static file's rate (goal: at least 50 %, i.e. a page request costs at most 2× a static one).
"""

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

PAGE = "/ro/ankommen-und-anmelden/"
STATIC_NAME = "bench/page.html"
LOG = "/tmp/page_cache-gunicorn.log"


def options_of(parser):
    parser.add_argument("--clients", type=int, default=8, help="Concurrent clients.")
    parser.add_argument("--requests", type=int, default=800, help="Requests per figure and round, all clients.")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes.")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(static_root, page_cache):
    env = os.environ.copy()
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="bench-only-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        TRUSTED_PROXIES="0",
        STATIC_ROOT=str(static_root),
        PAGE_CACHE_URL=page_cache,
        WAGTAILADMIN_BASE_URL="http://127.0.0.1",
    )
    return env


def get(port, path):
    """One request on its own connection: (status, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while data := connection.recv(65536):
            chunks.append(data)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    return int(head[9:12]), body


def start_gunicorn(env, workers):
    port = free_port()
    command = [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--workers", str(workers)]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    log = open(LOG, "a")  # kept open for the server's lifetime
    server = subprocess.Popen(command, cwd=harness.BASE_DIR, env=env, stdout=log, stderr=log)
    for _attempt in range(300):
        try:
            if get(port, PAGE)[0] == 200:
                return server, port
        except OSError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer (see {LOG})")


def stop(server):
    server.terminate()
    server.wait(timeout=30)


def burst(port, path, length, clients, requests):
    """Seconds per request with ``clients`` sending ``requests`` together; any wrong answer ends the run."""
    share = [requests // clients + (index < requests % clients) for index in range(clients)]
    failures = []

    def client(count):
        for _ in range(count):
            status, body = get(port, path)
            if status != 200 or len(body) != length:
                failures.append((path, status, len(body)))
                return

    threads = [threading.Thread(target=client, args=(count,)) for count in share]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    elapsed = time.perf_counter() - started
    if failures or any(thread.is_alive() for thread in threads):
        raise SystemExit(f"wrong answers or a client stuck: {failures[:3]}")
    return elapsed / requests


def measure(options):
    from django.db import connection

    work = Path(tempfile.mkdtemp(prefix="bench-page-cache-"))
    static_root, page_cache = work / "static", f"filecache://{work / 'page-cache'}"
    env = production_env(static_root, page_cache)
    connection.close()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=harness.BASE_DIR, env=env, check=True
    )
    server, port = start_gunicorn(env, options.workers)
    page = get(port, PAGE)[1]
    stop(server)
    (static_root / STATIC_NAME).parent.mkdir(parents=True, exist_ok=True)
    (static_root / STATIC_NAME).write_bytes(page)  # read by whitenoise when it starts

    cached, cached_port = start_gunicorn(env, options.workers)
    uncached, uncached_port = start_gunicorn({**env, "PAGE_CACHE_URL": "dummycache://"}, options.workers)
    try:
        load = (len(page), options.clients, options.requests)
        candidates = {
            "page": lambda: burst(cached_port, PAGE, *load),
            "static": lambda: burst(cached_port, f"/static/{STATIC_NAME}", *load),
            "uncached": lambda: burst(uncached_port, PAGE, *load),
        }
        names = list(candidates)
        times = {name: [] for name in names}
        for name in names:  # warm-up: every worker has loaded its code and the cache holds the page
            candidates[name]()
        for round_number in range(options.rounds):
            shift = round_number % len(names)
            for name in names[shift:] + names[:shift]:
                times[name].append(candidates[name]())
    finally:
        stop(cached)
        stop(uncached)
    median = {name: statistics.median(values) for name, values in times.items()}
    rate = {name: 1 / seconds for name, seconds in median.items()}
    print(
        f"{len(page)} bytes, {options.clients} clients, {options.workers} gunicorn workers, "
        f"{options.requests} requests per figure and round, {options.rounds} rounds"
    )
    for name in names:
        print(f"{name:>9}: {rate[name]:8.1f} requests/s")
    print(f"page / static file: {rate['page'] / rate['static']:.0%} (goal: at least 50 %)")
    print(f"page without the cache / static file: {rate['uncached'] / rate['static']:.0%}")
    rows = [
        harness.Row("cached page", median["page"], "static file", median["static"], 2.0),
        harness.Row("page, cache off", median["uncached"], "static file", median["static"], None),
    ]
    return [("Seconds per request at 8 concurrent clients (ratio ≤ 2× is ≥ 50 % of the static rate)", rows)]


if __name__ == "__main__":
    harness.main(__file__, measure, description=__doc__.splitlines()[0], extra=options_of)
