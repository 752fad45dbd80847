"""A throwaway PostgreSQL server for the tests: its own cluster in a temp dir, stopped at the end.

Debian's server binaries (``make test`` installs the ``postgresql`` package) run from
/usr/lib/postgresql/<version>/bin. initdb refuses to run as root, so as root the cluster belongs
to the ``postgres`` user Debian creates (or ``nobody``) and the tools run under ``runuser``. The
server listens only on a unix socket in the temp dir, on a free port number, with trust auth
(except for roles made by :meth:`PostgresServer.password_role`, which must give their password).
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Optional

PG_ROOT = Path("/usr/lib/postgresql")


def find_bin() -> Optional[Path]:
    """The newest installed server's bin folder (with initdb and pg_ctl), or None."""
    found = sorted((d / "bin" for d in PG_ROOT.glob("*") if (d / "bin" / "initdb").exists()
                    and (d / "bin" / "pg_ctl").exists()), key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
    return found[-1] if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _owner() -> Optional[pwd.struct_passwd]:
    """The unprivileged user to run the server as (None: we are not root, run as ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root and there is no 'postgres' or 'nobody' user to own the cluster")


class PostgresServer:
    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.user = _owner()
        self.dir = Path(tempfile.mkdtemp(prefix="salvo-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        if self.user:
            os.chown(self.dir, self.user.pw_uid, self.user.pw_gid)
        os.chmod(self.dir, 0o755)

    def _run(self, *argv: str) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / argv[0]), *argv[1:]]
        if self.user:
            cmd = ["runuser", "-u", self.user.pw_name, "--", *cmd]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=self.dir)
        if p.returncode != 0:
            log = (self.dir / "server.log")
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(argv[:2])} failed: {p.stderr.strip() or p.stdout.strip()}\n{tail}")
        return p

    def start(self) -> "PostgresServer":
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8")
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "server.log"), "-w", "-t", "60",
                  "-o", opts, "start")
        return self

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@/{dbname}?host={self.dir}&port={self.port}"

    def new_database(self) -> str:
        """A fresh empty database; its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def password_role(self, name: str, password: str) -> None:
        """A login role that must give ``password`` (scram-sha-256; every other role stays trusted)."""
        import psycopg

        hba = self.data / "pg_hba.conf"
        line = f"local all {name} scram-sha-256\n"
        rules = hba.read_text(encoding="utf-8")
        if line not in rules:  # the first matching line wins: put it before the trust lines
            hba.write_text(line + rules, encoding="utf-8")
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE ROLE {name} LOGIN PASSWORD '{password}'")
            conn.execute("SELECT pg_reload_conf()")

    def database_of(self, owner: str, password: str) -> str:
        """A fresh database owned by ``owner``; its URL with the password in it."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" OWNER {owner}')
        return f"postgresql://{owner}:{password}@/{name}?host={self.dir}&port={self.port}"
