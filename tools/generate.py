"""Generate the client package from a spec: what `make generate` and `make check-generated` run.

    python tools/generate.py openapi.yaml generated/messagemedia_messages

1. copy templates/ to a temporary folder and write spec_facts.jinja into it (tools/spec_facts.py):
   the templates see the generator's types, and from that file the spec's own extensions;
2. run openapi-python-client (pinned) with generator-config.yaml and that folder;
3. render each ``templates/extra/<name>.py.jinja`` into ``<out>/<name>.py``: modules the generator
   has no template for (they see ``spec``, the parsed openapi.yaml, and ``facts``, what
   tools/spec_facts.py reads from it), formatted by the same pinned ruff as the generator's output;
4. compile the request rules into ``<out>/_spec`` (tools/compile_spec.py) and mark the package typed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import compile_spec  # noqa: E402
import jinja2  # noqa: E402
import spec_facts  # noqa: E402
import yaml  # noqa: E402

# The generator's post-hooks, for the modules rendered here (see generator-config.yaml).
RUFF = (
    ["check", "--isolated", "--no-cache", "--fix-only", "--select", "F401,I", "--line-length", "120",
     "--target-version", "py311", "--quiet"],
    ["format", "--isolated", "--no-cache", "--line-length", "120", "--target-version", "py311", "--quiet"],
)  # fmt: skip


def render_extras(spec: Path, out: Path, ruff: Path) -> list[Path]:
    """Render templates/extra/*.py.jinja into the package; the files written."""
    folder = ROOT / "templates" / "extra"
    if not folder.is_dir():
        return []
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701 - Python source, not HTML
    )
    written = []
    for template in sorted(folder.glob("*.py.jinja")):
        target = out / template.name.removesuffix(".jinja")
        text = env.get_template(template.name).render(spec=data, facts=spec_facts.build(data))
        target.write_text(text, encoding="utf-8")
        written.append(target)
    if written:
        for arguments in RUFF:
            subprocess.run([str(ruff), *arguments, *map(str, written)], check=True)
    return written


def generate(spec: Path, out: Path, *, quiet: bool = False) -> None:
    generator = Path(sys.executable).parent / "openapi-python-client"
    with tempfile.TemporaryDirectory(prefix="messagemedia-templates-") as folder:
        templates = Path(folder) / "templates"
        shutil.copytree(ROOT / "templates", templates)
        spec_facts.main(spec, templates / "spec_facts.jinja")
        command = [
            str(generator), "generate",
            "--path", str(spec),
            "--config", str(ROOT / "generator-config.yaml"),
            "--custom-template-path", str(templates),
            "--meta", "none",
            "--output-path", str(out),
            "--overwrite",
        ]  # fmt: skip
        # The generator's post-hooks call `ruff`: the pinned one, next to this interpreter.
        env = {**os.environ, "PATH": f"{generator.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL if quiet else None, env=env)
    render_extras(spec, out, generator.parent / "ruff")
    compile_spec.build(spec, out / "_spec")
    (out / "py.typed").touch()


if __name__ == "__main__":
    generate(Path(sys.argv[1]), Path(sys.argv[2]), quiet="--quiet" in sys.argv[3:])
