"""Build the wheel from a clean copy of the committed tree and import it in an empty venv.

Run by ``make wheel-check`` and by tests/test_wheel.py. A clean copy (the files git tracks or
would track, as they are in the working tree: nothing ignored, no .venv, no caches) proves the
wheel does not depend on files that happen to lie around in a developer's checkout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMPORT_CHECK = (
    "import messagemedia_messages, hmac_auth, messagemedia_runtime, pathlib;"
    "from messagemedia_messages.api.messages import send_messages;"
    "from messagemedia_messages.models import Message;"
    "c = messagemedia_messages.MessageMedia('k', 's', base_url='http://127.0.0.1:9');assert c.messages.send;"
    "assert 'site-packages' in messagemedia_messages.__file__, messagemedia_messages.__file__;"
    "assert (pathlib.Path(messagemedia_messages.__file__).parent / 'py.typed').exists();"
    "assert (pathlib.Path(hmac_auth.__file__).parent / 'py.typed').exists();"
    "import importlib.util, sys;"
    "assert importlib.util.find_spec('messagemedia_cli');"
    "assert importlib.util.find_spec('messagemedia_sandbox');"
    "import messagemedia_messages.callbacks;"
    "assert 'cryptography' not in sys.modules;"
    "print('wheel imports OK from', pathlib.Path(messagemedia_messages.__file__).parent.parent)"
)


def _clean_copy(dest: Path) -> Path:
    src = dest / "src"
    src.mkdir()
    if (ROOT / ".git").exists():
        listed = subprocess.run(
            ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            check=True,
            capture_output=True,
        ).stdout.decode()
        for name in filter(None, listed.split("\0")):
            source = ROOT / name
            if source.is_file():
                target = src / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
    else:
        subprocess.run(["cp", "-a", f"{ROOT}/.", str(src)], check=True)
    return src


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        src = _clean_copy(tmp)
        dist = tmp / "dist"
        subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(src)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        wheel = next(dist.glob("*.whl"))
        env_dir = tmp / "venv"
        venv.create(env_dir, with_pip=True)
        python = env_dir / "bin" / "python"
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
            check=True,
        )
        subprocess.run([str(python), "-c", IMPORT_CHECK], check=True, cwd=tmp)
        for script in ("messagemedia", "messagemedia-sandbox"):  # the console scripts the wheel declares
            if not (env_dir / "bin" / script).exists():
                raise SystemExit(f"the wheel installs no {script} command")
        print(f"built and installed {wheel.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
