"""Runs the sandbox as a child process (`python -m messagemedia_sandbox`), for tests and the demo.

A child process is what a real client talks to: its own interpreter, its own threads, and it can
be killed outright, which is how the restart tests prove the data file survives a crash.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

_LISTENING = re.compile(r"listening on (http://\S+)")


class SandboxProcess:
    """``start()`` launches the sandbox on a free port and returns its base URL once it listens."""

    def __init__(
        self,
        data: Path | str,
        *,
        speed: float = 1.0,
        host: str = "127.0.0.1",
        port: int = 0,
        key: str | None = None,
        secret: str | None = None,
        extra_args: Sequence[str] = (),
        startup_timeout: float = 20.0,
    ) -> None:
        self.data = Path(data)
        self._args = [
            sys.executable, "-m", "messagemedia_sandbox",
            "--host", host, "--port", str(port), "--data", str(self.data), "--speed", str(speed),
        ]  # fmt: skip
        if key is not None:
            self._args += ["--key", key]
        if secret is not None:
            self._args += ["--secret", secret]
        self._args += list(extra_args)
        self._startup_timeout = startup_timeout
        self._process: subprocess.Popen[str] | None = None
        self._output: list[str] = []
        self.base_url = ""

    @property
    def output(self) -> list[str]:
        """The lines the sandbox has printed on stdout so far (its URL, key, secret, export line)."""
        return list(self._output)

    @property
    def pid(self) -> int:
        if self._process is None:
            raise RuntimeError("the sandbox process is not running")
        return self._process.pid

    def start(self) -> str:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        process = subprocess.Popen(self._args, stdout=subprocess.PIPE, text=True, env=env)
        self._process = process
        self._output = []
        found: list[str] = []
        ready = threading.Event()

        def read_stdout() -> None:
            # Keeps draining after the first line so a chatty child never blocks on a full pipe.
            assert process.stdout is not None
            for line in process.stdout:
                self._output.append(line.rstrip("\n"))
                match = _LISTENING.search(line)
                if match and not found:
                    found.append(match.group(1))
                    ready.set()
            ready.set()

        threading.Thread(target=read_stdout, name="sandbox-stdout", daemon=True).start()
        if not ready.wait(self._startup_timeout) or not found:
            self.kill()
            raise RuntimeError(f"the sandbox did not start: {' '.join(self._args)}")
        self.base_url = found[0]
        return self.base_url

    def stop(self, timeout: float = 10.0) -> None:
        """Asks the sandbox to stop (SIGTERM) and waits; kills it if it does not."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def kill(self) -> None:
        """Ends the sandbox with SIGKILL: no clean-up at all, as in a crash."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait()

    def __enter__(self) -> SandboxProcess:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
