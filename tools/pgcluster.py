"""A throwaway PostgreSQL cluster for tests: initdb into a temp dir, free port, 127.0.0.1.

``python -m tools.pgcluster run -- CMD ...`` starts a cluster, runs CMD with
``TEST_POSTGRES_URL`` set, and stops and deletes the cluster afterwards (also
when CMD fails). PostgreSQL refuses to run as root, so under root the cluster
belongs to ``nobody``. The binaries come from Debian's ``postgresql`` package
(``make postgresql`` installs it).
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "TEST_POSTGRES_URL"


def find_bindir() -> Path | None:
    """The newest /usr/lib/postgresql/<n>/bin with initdb, else initdb on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name or 0))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).resolve().parent if on_path else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    bindir: Path
    folder: Path
    port: int
    user: str | None  # run as this user (root cannot run postgres)

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://atlas@127.0.0.1:{self.port}/atlas"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = list(args)
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True,
                              cwd=self.folder)

    def start(self) -> None:
        data = self.folder / "data"
        self._run(str(self.bindir / "initdb"), "-D", str(data), "-U", "atlas",
                  "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(data), "-o", options,
                  "-l", str(self.folder / "log"), "-w", "-t", "30", "start")
        self._run(str(self.bindir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                  "-U", "atlas", "atlas")

    def stop(self) -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast",
                  "-w", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster() -> Cluster:
    """Start a cluster; raises RuntimeError (with the server log) if it will not come up."""
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL fehlt: `make postgresql` installiert Debians Paket.")
    folder = Path(tempfile.mkdtemp(prefix="atlas-pg-"))
    user = "nobody" if os.geteuid() == 0 else None
    if user:
        shutil.chown(folder, user=user)
        folder.chmod(0o700)
    cluster = Cluster(bindir, folder, _free_port(), user)
    try:
        cluster.start()
    except subprocess.CalledProcessError as e:
        log = (folder / "log").read_text() if (folder / "log").exists() else ""
        cluster.stop()
        raise RuntimeError(f"PostgreSQL startet nicht: {e.stderr}\n{log}") from e
    return cluster


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[0] != "run" or argv[1] != "--":
        print("Aufruf: python -m tools.pgcluster run -- BEFEHL ...", file=sys.stderr)
        return 2
    # A terminated run (CI time-out, Ctrl+C) still stops and removes its cluster.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    cluster = start_cluster()
    started = time.monotonic()
    print(f"PostgreSQL-Testcluster auf 127.0.0.1:{cluster.port} "
          f"({cluster.folder})", file=sys.stderr)
    try:
        return subprocess.call(argv[2:], env={**os.environ, ENV_VAR: cluster.url})
    finally:
        cluster.stop()
        print(f"PostgreSQL-Testcluster beendet nach {time.monotonic() - started:.0f} s.",
              file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
