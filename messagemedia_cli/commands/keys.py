"""``messagemedia keys create|list|enable|disable|delete``: the RSA keys that sign callbacks."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import CliError
from ..state import CliState

COLUMNS = ("key_id", "digest", "cipher", "enabled", "created")


@click.group(
    epilog="""\b
Examples:
  messagemedia keys create --digest SHA256            # saves messagemedia-key-<key_id>.pem
  messagemedia keys enable 1c4e7ff1-2c3d-4f5e-8a9b-0c1d2e3f4a5b
  messagemedia listen --port 8080 --key-file messagemedia-key-1c4e7ff1-2c3d-4f5e-8a9b-0c1d2e3f4a5b.pem"""
)
def keys() -> None:
    """Create, list, enable and disable the keys that sign callbacks (needs secure callbacks)."""


@keys.command(
    epilog="""\b
Example:
  messagemedia keys create --digest SHA512 --out callbacks.pem"""
)
@click.option(
    "--digest",
    default="SHA256",
    show_default=True,
    help="SHA224, SHA256 or SHA512: the hash the callbacks are signed with.",
)
@click.option("--cipher", default="RSA", show_default=True, help="RSA (the only one the API offers).")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to save the public key (default: messagemedia-key-<key_id>.pem here).",
)
@click.pass_obj
def create(state: CliState, digest: str, cipher: str, out: Path | None) -> None:
    """Create a key (not yet enabled) and save its public key as a PEM file.

    The API shows the public key only in this answer, so it is also printed with the key.
    """
    if out is not None and out.exists():  # checked first: the key cannot be fetched again later
        raise click.BadParameter(f"{out} exists; choose another file", param_hint="'--out'")
    key = state.client().signature_keys.create(digest=digest.upper(), cipher=cipher.upper())  # type: ignore[arg-type]
    record = key.to_dict()
    path = out or Path(f"messagemedia-key-{key.key_id}.pem")
    try:
        pem = key.public_key_pem  # the answer's base64 DER SubjectPublicKeyInfo, as PEM
        if not isinstance(pem, str):
            raise ValueError("the answer's public_key is not base64 DER")
        with path.open("x", encoding="ascii") as handle:
            handle.write(pem)
    except (OSError, ValueError) as exc:
        state.out.record(record)
        raise CliError(f"the key was created, but its PEM file could not be written ({exc}); "
                       "its public_key is printed above") from exc  # fmt: skip
    record["pem_file"] = str(path)
    state.out.record(record)
    state.out.note(
        f"saved the public key to {path}; enable the key with: messagemedia keys enable {key.key_id}"
    )


@keys.command("list", epilog="Example: messagemedia keys list")
@click.pass_obj
def list_(state: CliState) -> None:
    """List the account's keys (all pages; the API does not show public keys here)."""
    pages = state.client().signature_keys.list()
    state.out.records((key.to_dict() for key in pages), COLUMNS, title="signature keys")


@keys.command(epilog="Example: messagemedia keys enable 1c4e7ff1-2c3d-4f5e-8a9b-0c1d2e3f4a5b")
@click.argument("key_id")
@click.pass_obj
def enable(state: CliState, key_id: str) -> None:
    """Make KEY_ID the key that signs callbacks (the one enabled before is disabled)."""
    state.out.record(state.client().signature_keys.enable(key_id=key_id).to_dict())


@keys.command(epilog="Example: messagemedia keys disable")
@click.pass_obj
def disable(state: CliState) -> None:
    """Stop signing callbacks: disable the enabled key, if any."""
    state.client().signature_keys.disable()
    state.out.record({"enabled_key": None, "disabled": True})


@keys.command(epilog="Example: messagemedia keys delete 1c4e7ff1-2c3d-4f5e-8a9b-0c1d2e3f4a5b")
@click.argument("key_id")
@click.pass_obj
def delete(state: CliState, key_id: str) -> None:
    """Delete a key for good."""
    state.client().signature_keys.delete(key_id)
    state.out.record({"key_id": key_id, "deleted": True})
