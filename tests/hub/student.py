"""What a student's browser does on the hub, done over HTTP and the kernel websocket.

- :func:`git_pull` follows an nbgitpuller link (the ``/git-pull/api`` event stream that the
  link's page reads) until the course is in the student's home.
- :class:`Kernel` starts a kernel for a notebook through the sessions API, runs code on it
  over the websocket (Jupyter's JSON message protocol) and collects the outputs as nbformat
  outputs.
- :func:`run_notebook` runs every code cell, the answers a student types in between, and
  saves the notebook with its outputs through the contents API, as JupyterLab's Save does.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx
from tornado.httpclient import HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect


def pull_link(repo: str, branch: str, target: str, notebook: str) -> str:
    """The nbgitpuller link an instructor posts: it clones ``repo`` into ``target`` in the
    student's home and opens ``notebook`` in JupyterLab."""
    query = urlencode(
        {
            "repo": repo,
            "branch": branch,
            "targetpath": target,
            "urlpath": f"lab/tree/{target}/{notebook}",
        }
    )
    return f"/hub/user-redirect/git-pull?{query}"


async def git_pull(
    client: httpx.AsyncClient, user: str, token: str, repo: str, branch: str, target: str
) -> list[str]:
    """Pull the course as the link's page does; returns the progress lines.

    Raises
    ------
    RuntimeError
        When nbgitpuller reports an error.
    """
    query = urlencode({"repo": repo, "branch": branch, "targetpath": target})
    lines: list[str] = []
    headers = {"Authorization": f"token {token}"}
    async with client.stream("GET", f"/user/{user}/git-pull/api?{query}", headers=headers) as r:
        r.raise_for_status()
        async for line in r.aiter_lines():
            if not line.startswith("data:"):
                continue
            event = json.loads(line[len("data:") :])
            if event.get("phase") == "error":
                raise RuntimeError(f"git-pull for {user} failed: {event.get('message')}")
            lines.append(str(event.get("output", "")).rstrip())
            if event.get("phase") == "finished":
                return lines
    raise RuntimeError(f"git-pull for {user} ended without finishing: {lines[-5:]}")


@dataclass
class Kernel:
    """A kernel of one student's notebook, reached through the hub's proxy."""

    client: httpx.AsyncClient
    user: str
    token: str
    path: str
    session_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    kernel_id: str = ""
    socket: WebSocketClientConnection | None = None
    #: Seconds from the first execute request to the first output the kernel sent.
    first_output: float | None = None
    started: float = 0.0
    #: The widget models the kernel opened: comm id → state.
    widgets: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"token {self.token}"}

    async def start(self) -> None:
        """Create the notebook's session (and kernel) and open its websocket."""
        body = {"path": self.path, "type": "notebook", "name": "", "kernel": {"name": "python3"}}
        reply = await self.client.post(
            f"/user/{self.user}/api/sessions", json=body, headers=self._headers
        )
        reply.raise_for_status()
        self.kernel_id = reply.json()["kernel"]["id"]
        url = str(self.client.base_url).replace("http", "ws", 1)
        request = HTTPRequest(
            f"{url}/user/{self.user}/api/kernels/{self.kernel_id}/channels"
            f"?session_id={self.session_id}",
            headers=self._headers,
            request_timeout=300,
            connect_timeout=300,
        )
        self.socket = await websocket_connect(request, max_message_size=64 * 2**20)
        self.started = time.perf_counter()

    async def execute(self, code: str, timeout: float = 300) -> list[dict[str, Any]]:
        """Run ``code``; returns its outputs (nbformat dicts) once the kernel is idle again.

        Raises
        ------
        RuntimeError
            If the code raises in the kernel (the traceback's last line is in the message).
        """
        content = {"code": code, "silent": False, "store_history": True,
                   "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}  # fmt: skip
        outputs: list[dict[str, Any]] = []
        error = None
        async for kind, reply in self._request("execute_request", content, timeout):
            if kind in ("stream", "display_data", "execute_result", "error"):
                if self.first_output is None:
                    self.first_output = time.perf_counter() - self.started
                outputs.append(_output(kind, reply))
                if kind == "error":
                    error = f"{reply['ename']}: {reply['evalue']}"
            elif kind == "comm_open":
                self.widgets[reply["comm_id"]] = reply["data"].get("state", {})
        if error is not None:
            raise RuntimeError(f"a cell of {self.user} raised {error}")
        return outputs

    async def move(self, comm_id: str, value: float, timeout: float = 120) -> float:
        """Set a widget's value as the browser does when a slider is dragged; returns the
        seconds until the kernel has run every callback and is idle again."""
        content = {"comm_id": comm_id, "data": {"method": "update", "state": {"value": value},
                                                "buffer_paths": []}}  # fmt: skip
        start = time.perf_counter()
        async for _ in self._request("comm_msg", content, timeout):
            pass
        return time.perf_counter() - start

    async def _request(
        self, msg_type: str, content: dict[str, Any], timeout: float
    ) -> AsyncIterator[tuple[str, dict[str, Any]]]:
        """Send a shell message; yield (type, content) of every message it causes until the
        kernel is idle again."""
        assert self.socket is not None, "start() the kernel first"
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": msg_type, "username": self.user,
                  "session": self.session_id, "date": "", "version": "5.3"}  # fmt: skip
        message = {"header": header, "parent_header": {}, "metadata": {}, "content": content,
                   "channel": "shell", "buffers": []}  # fmt: skip
        await self.socket.write_message(json.dumps(message))
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            raw = await asyncio.wait_for(self.socket.read_message(), max(remaining, 0.1))
            if raw is None:
                raise RuntimeError(f"the kernel websocket of {self.user} closed")
            if isinstance(raw, bytes):
                continue  # binary frames carry widget buffers
            reply = json.loads(raw)
            if reply.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if reply["msg_type"] == "status":
                if reply["content"]["execution_state"] == "idle":
                    return
                continue
            yield reply["msg_type"], reply["content"]

    async def stop(self) -> None:
        """Close the websocket and shut the kernel down (closing the notebook's tab)."""
        if self.socket is not None:
            self.socket.close()
        await self.client.delete(f"/user/{self.user}/api/kernels/{self.kernel_id}",
                                 headers=self._headers)  # fmt: skip


def _output(kind: str, content: dict[str, Any]) -> dict[str, Any]:
    if kind == "stream":
        return {"output_type": "stream", "name": content["name"], "text": content["text"]}
    if kind == "error":
        return {"output_type": "error", **{k: content[k] for k in ("ename", "evalue", "traceback")}}
    output = {"output_type": kind, "data": content["data"], "metadata": content["metadata"]}
    if kind == "execute_result":
        output["execution_count"] = content["execution_count"]
    return output


@dataclass
class Run:
    """How one student's Run All went."""

    user: str
    first_output: float
    idle: float
    cells: int


async def run_notebook(
    client: httpx.AsyncClient,
    user: str,
    token: str,
    path: str,
    answers: dict[str, str],
    keep_kernel: bool = False,
) -> tuple[Run, Kernel]:
    """Open ``path`` in ``user``'s home, run every code cell in order, type the answer
    code ``answers[question_id]`` into a new cell after the cell that asks that question,
    run it, and save the notebook with its outputs.

    Returns
    -------
    Run, Kernel
        The timings, and the kernel (shut down unless ``keep_kernel``).
    """
    headers = {"Authorization": f"token {token}"}
    url = f"/user/{user}/api/contents/{path}"
    reply = await client.get(url, headers=headers)
    reply.raise_for_status()
    notebook = reply.json()["content"]
    kernel = Kernel(client, user, token, path)
    await kernel.start()
    cells: list[dict[str, Any]] = []
    count = 0
    for cell in notebook["cells"]:
        cells.append(cell)
        if cell["cell_type"] != "code":
            continue
        count += 1
        cell["outputs"] = await kernel.execute(cell["source"])
        cell["execution_count"] = count
        for question_id, code in answers.items():
            if f'"{question_id}"' in cell["source"]:
                count += 1
                typed = {"cell_type": "code", "id": uuid.uuid4().hex[:8], "metadata": {},
                         "source": code, "execution_count": count,
                         "outputs": await kernel.execute(code)}  # fmt: skip
                cells.append(typed)
    idle = time.perf_counter() - kernel.started
    notebook["cells"] = cells
    saved = await client.put(
        url, json={"type": "notebook", "format": "json", "content": notebook}, headers=headers
    )
    saved.raise_for_status()
    if not keep_kernel:
        await kernel.stop()
    return Run(user, kernel.first_output or idle, idle, count), kernel
