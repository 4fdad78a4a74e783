"""Import cost: time and memory of the imports a user writes, each in a fresh interpreter.

Every round starts a new Python process that imports only ``time`` before the clock starts, runs
the import statements, and reports the wall time of the imports and the growth of the process's
peak resident memory (``VmHWM``, KiB). A separate run with ``tracemalloc`` started first gives the peak
of memory allocated by Python during the imports (slower, so it is not timed). The first round is
a warm-up (bytecode caches, page cache) and is not counted.
"""

from __future__ import annotations

import json
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OURS_IMPORTS = (
    "import hmac_auth\n"
    "import messagemedia_messages\n"
    "from messagemedia_messages.api.messages import get_message_status, send_messages\n"
    "from messagemedia_messages.models import Message, SendMessagesRequest\n"
)
# What the README's quickstart imports: the client object alone (its resources load on first use).
OBJECT_IMPORTS = "from messagemedia_messages import MessageMedia\n"
# The request validator of an operation is compiled into its own module and imported on the first
# call of that operation: shown apart, as the cost a process pays once, on its first send.
OURS_FIRST_SEND = OURS_IMPORTS + "import messagemedia_messages._spec.send_messages\n"
HTTPX_IMPORTS = "import httpx\n"
OFFICIAL_IMPORTS = (
    "from message_media_messages.message_media_messages_client import MessageMediaMessagesClient\n"
    "from message_media_messages.models.message import Message\n"
    "from message_media_messages.models.send_messages_request import SendMessagesRequest\n"
)

# Peak RSS from /proc/self/status VmHWM (this process's own high-water mark, in KiB): ru_maxrss of
# a child started from a big parent begins at the parent's size on Linux, which hides the growth.
_TIMED = """\
import time
def _hwm():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
_rss0 = _hwm()
_t0 = time.perf_counter()
{imports}
_t1 = time.perf_counter()
_rss1 = _hwm()
import json, sys
sys.stdout.write(json.dumps({{"ms": (_t1 - _t0) * 1000.0, "rss_kib": _rss1 - _rss0, "rss_peak_kib": _rss1,
                             "modules": len(sys.modules)}}))
"""

_TRACED = """\
import tracemalloc
tracemalloc.start()
{imports}
_peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
import json, sys
sys.stdout.write(json.dumps({{"peak_kib": _peak / 1024.0}}))
"""


@dataclass
class ImportCase:
    name: str
    python: Path
    imports: str


def _run(python: Path, code: str) -> dict[str, Any]:
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=False, timeout=120)
    if out.returncode != 0:
        raise RuntimeError(f"{python} failed: {out.stderr.strip()[-500:]}")
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def measure(cases: list[ImportCase], rounds: int) -> dict[str, dict[str, Any]]:
    """Median import time (ms), peak-RSS growth and tracemalloc peak (KiB) of each case.

    The cases are interleaved round by round, so a burst of load on the machine hits them all.
    """
    samples: dict[str, list[dict[str, Any]]] = {case.name: [] for case in cases}
    for round_no in range(rounds + 1):
        for case in cases:
            sample = _run(case.python, _TIMED.format(imports=case.imports))
            if round_no > 0:  # round 0 is the warm-up
                samples[case.name].append(sample)
    results: dict[str, dict[str, Any]] = {}
    for case in cases:
        traced = _run(case.python, _TRACED.format(imports=case.imports))
        times = [s["ms"] for s in samples[case.name]]
        results[case.name] = {
            "ms": statistics.median(times),
            "ms_rounds": times,
            "rss_kib": statistics.median(s["rss_kib"] for s in samples[case.name]),
            "rss_peak_kib": statistics.median(s["rss_peak_kib"] for s in samples[case.name]),
            "tracemalloc_peak_kib": traced["peak_kib"],
            "modules": samples[case.name][-1]["modules"],
            "python": str(case.python),
            "imports": case.imports.strip().splitlines(),
        }
    return results
