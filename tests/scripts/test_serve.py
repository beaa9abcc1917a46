"""`scripts/serve` (what `make run` ends in) leaves nothing running after SIGINT or SIGTERM.

The real script runs against a throwaway SQLite database: web server, task cluster and all
their children. Only the script itself gets the signal, as from systemd, a container stop
or `kill`; everything it started must be gone within 10 s, also when the task cluster
hangs in its own shutdown (django-q2 issue 346, here: the cluster stopped with SIGSTOP).
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 10
# With one worker: the cluster, its sentinel, the worker, the monitor and the pusher.
CLUSTER_PROCESSES = 5


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def proc_stat(pid):
    """(state, parent pid) from /proc, or None once the process is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    state, ppid = text.rsplit(")", 1)[1].split()[:2]
    return state, int(ppid)


def alive(pid):
    stat = proc_stat(pid)
    return stat is not None and stat[0] != "Z"


def descendants(root):
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := proc_stat(entry.name)):
            parents[int(entry.name)] = stat[1]
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def cmdline(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def kill_everything(pids):
    """Whole process groups at once: a sentinel would replace a worker killed on its own."""
    for group in {os.getpgid(pid) for pid in pids if alive(pid)}:
        os.killpg(group, signal.SIGKILL)


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    """A database with the task cluster's tables; the web pages need not work, only answer."""
    database = tmp_path_factory.mktemp("serve") / "db.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
        "PY": sys.executable,
        "Q_WORKERS": "1",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "django_q"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return env


def start_serve(environment, log):
    port = free_port()
    serve = subprocess.Popen(
        ["scripts/serve"],
        cwd=ROOT,
        env={**environment, "PORT": str(port)},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        # As from a terminal: a test run started in the background inherits SIGINT ignored, and a
        # shell cannot trap a signal that was ignored when it started.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    answered = False
    while time.monotonic() < deadline and serve.poll() is None:
        if not answered:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/login/", timeout=2)
                answered = True
            except urllib.error.HTTPError:
                answered = True
            except OSError:
                pass
        cluster = [pid for pid in descendants(serve.pid) if "qcluster" in cmdline(pid)]
        if answered and len(cluster) >= CLUSTER_PROCESSES:
            return serve
        time.sleep(0.2)
    serve.kill()
    pytest.fail(f"scripts/serve did not come up:\n{Path(log.name).read_text(errors='replace')}")


@pytest.mark.parametrize(
    "signum, hung_cluster",
    [(signal.SIGINT, False), (signal.SIGTERM, True)],
    ids=["SIGINT", "SIGTERM-with-a-hung-cluster"],
)
def test_everything_started_is_gone_within_ten_seconds(environment, tmp_path, signum, hung_cluster):
    with open(tmp_path / "serve.log", "w+") as log:
        serve = start_serve(environment, log)
        started = descendants(serve.pid) | {serve.pid}
        try:
            commands = {pid: cmdline(pid) for pid in started}
            assert any("runserver" in command for command in commands.values())
            cluster = [pid for pid in started if "qcluster" in commands[pid]]
            if hung_cluster:
                os.kill(next(pid for pid in cluster if proc_stat(pid)[1] == serve.pid), signal.SIGSTOP)
            sent = time.monotonic()
            serve.send_signal(signum)
            while time.monotonic() - sent < LIMIT and any(alive(pid) for pid in started):
                time.sleep(0.1)
            left = {pid: commands[pid] for pid in started if alive(pid)}
            assert not left, f"still running {LIMIT} s after {signum.name}: {left}"
        finally:
            kill_everything(started | descendants(serve.pid))
            serve.wait(5)


def test_make_run_hands_its_signals_to_the_script():
    """make passes SIGTERM to its child only: a shell around scripts/serve would die and leave it running."""
    recipe = re.search(r"^run:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.MULTILINE).group(1)
    assert recipe.splitlines()[-1].split()[-2:] == ["exec", "scripts/serve"]
