"""A real JupyterHub for the classroom tests, the demo script and the hub benchmark.

The hub runs on 127.0.0.1 with random ports, JupyterHub's ``DummyAuthenticator`` (any
user name, one shared password) and ``SimpleLocalProcessSpawner``: every student's
single-user server is a local process whose home folder is ``<workdir>/home/<user>``. The
proxy is configurable-http-proxy from npm: ``make test`` installs it into
``build/chp`` (:data:`PROXY`), or it is found on ``PATH``.

Everything a test does to the hub goes through its REST API with a service token, and
everything a student does goes through the hub's proxy with that student's own token, as a
browser would.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import httpx

from tests.browser.lab import free_port

REPO = Path(__file__).resolve().parents[2]
#: Where ``make`` installs configurable-http-proxy (``npm install --prefix build/chp``).
PROXY = REPO / "build" / "chp" / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "classroom"
#: Threads a student's kernel may use for BLAS (the docs recommend 1 on a shared hub).
KERNEL_ENVIRONMENT = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def find_proxy() -> str | None:
    """configurable-http-proxy: the one ``make`` installed, else one on ``PATH``."""
    if PROXY.is_file():
        return str(PROXY)
    return shutil.which("configurable-http-proxy")


CONFIG = """\
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.db_url = "sqlite:///{workdir}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{workdir}/cookie_secret"
c.JupyterHub.pid_file = "{workdir}/jupyterhub.pid"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{workdir}/home/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.environment = {environment!r}
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.active_server_limit = 0
c.JupyterHub.services = [{{"name": "classroom", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [
    {{
        "name": "classroom",
        "scopes": ["admin:users", "admin:servers", "tokens", "access:servers"],
        "services": ["classroom"],
    }}
]
"""


@dataclass
class Hub:
    """A running JupyterHub (start it with :func:`start_hub`, stop it with :meth:`stop`)."""

    url: str
    token: str
    workdir: Path
    process: subprocess.Popen
    log: IO[str]
    user_tokens: dict[str, str] = field(default_factory=dict)

    def home(self, user: str) -> Path:
        """The home folder of ``user``'s single-user server."""
        return self.workdir / "home" / user

    def client(self, timeout: float = 300) -> httpx.AsyncClient:
        """An HTTP client for the hub's public address."""
        limits = httpx.Limits(max_connections=400, max_keepalive_connections=100)
        return httpx.AsyncClient(base_url=self.url, timeout=timeout, limits=limits)

    async def api(
        self, client: httpx.AsyncClient, method: str, path: str, **kwargs: Any
    ) -> httpx.Response:
        """Call the hub's REST API (``/hub/api`` + ``path``) as the classroom service."""
        headers = {"Authorization": f"token {self.token}"}
        response = await client.request(method, f"/hub/api{path}", headers=headers, **kwargs)
        if response.status_code >= 400:
            raise RuntimeError(f"{method} /hub/api{path}: {response.status_code} {response.text}")
        return response

    async def add_student(self, client: httpx.AsyncClient, user: str) -> str:
        """Create ``user``, start their server, and return a token that acts as them."""
        await self.api(client, "POST", f"/users/{user}")
        await self.api(client, "POST", f"/users/{user}/server")
        while True:
            model = (await self.api(client, "GET", f"/users/{user}")).json()
            server = model.get("servers", {}).get("", {})
            if server.get("ready"):
                break
            if not server.get("pending") and not server:
                raise RuntimeError(f"the server of {user} stopped while starting")
            await asyncio.sleep(0.25)
        response = await self.api(
            client, "POST", f"/users/{user}/tokens", json={"note": "classroom", "expires_in": 7200}
        )
        self.user_tokens[user] = response.json()["token"]
        return self.user_tokens[user]

    def log_tail(self, chars: int = 6000) -> str:
        """The end of the hub's log (for a failing test's message)."""
        self.log.flush()
        return (self.workdir / "hub.log").read_text(errors="replace")[-chars:]

    def stop(self) -> None:
        """Stop the hub, the proxy and every single-user server it started."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
        # JupyterHub stops the servers it spawned on SIGTERM (cleanup_servers); whatever
        # is left in the process group goes too.
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.log.close()


def start_hub(workdir: Path, timeout: float = 90) -> Hub:
    """Start a hub whose state, logs and student homes live in ``workdir``.

    Raises
    ------
    RuntimeError
        When configurable-http-proxy is missing, or the hub does not answer in ``timeout``
        seconds (the message ends with the hub's log).
    """
    proxy = find_proxy()
    if proxy is None:
        raise RuntimeError(
            "configurable-http-proxy is not installed: `npm install --prefix build/chp "
            "configurable-http-proxy` (make test does it when npm is present)"
        )
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "home").mkdir(exist_ok=True)
    port, token = free_port(), secrets.token_hex(24)
    bin_dir = Path(sys.executable).parent
    args = ["--allow-root"] if os.geteuid() == 0 else []
    config = CONFIG.format(
        port=port,
        hub_port=free_port(),
        proxy_api_port=free_port(),
        proxy=proxy,
        workdir=workdir,
        password=PASSWORD,
        singleuser=str(bin_dir / "jupyterhub-singleuser"),
        args=args,
        environment=KERNEL_ENVIRONMENT,
        token=token,
    )
    (workdir / "jupyterhub_config.py").write_text(config)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "COLLABKIT"))}
    env["PATH"] = f"{bin_dir}{os.pathsep}{Path(proxy).parent}{os.pathsep}{env.get('PATH', '')}"
    log = (workdir / "hub.log").open("w")
    process = subprocess.Popen(
        [str(bin_dir / "jupyterhub"), "-f", str(workdir / "jupyterhub_config.py")],
        cwd=workdir,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    hub = Hub(f"http://127.0.0.1:{port}", token, workdir, process, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            reply = httpx.get(f"{hub.url}/hub/api/", timeout=2)
            if reply.status_code == 200 and "version" in json.loads(reply.text):
                return hub
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.3)
    tail = hub.log_tail()
    hub.stop()
    raise RuntimeError(f"JupyterHub did not start in {timeout:.0f} s:\n{tail}")
