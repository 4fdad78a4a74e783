"""A local, stateful stand-in for the MessageMedia Messages API.

It answers the eight operations of openapi.yaml with the real API's paths, shapes, status codes
and authentication, keeps its state in SQLite, moves messages through their statuses on a clock,
and delivers replies and delivery reports to callback URLs. Run it with ``messagemedia-sandbox``,
or from Python::

    with SandboxServer(data=path, speed=20) as sandbox:
        client = MessageMedia("sandbox-key", "sandbox-secret", base_url=sandbox.base_url)
"""

from .config import DEFAULT_KEY, DEFAULT_SECRET, SandboxConfig
from .process import SandboxProcess
from .server import SandboxServer

__all__ = ["DEFAULT_KEY", "DEFAULT_SECRET", "SandboxConfig", "SandboxProcess", "SandboxServer"]
