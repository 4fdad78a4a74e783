"""Renders a webhook's Velocity `template` (and the `$variables` of its URL) with airspeed, a real
Velocity engine, so templates behave as Velocity makes them behave: an unknown `$name` renders as
written (the API's opt-out payload relies on that for `$moId`), `$!name` renders as nothing,
`#if`/`#foreach`/`#set` work.

What Java Velocity gets from its tools and Java objects is supplied here: `$esc` (the EscapeTool:
`$esc.json(...)`, `.xml`, `.html`, `.url`, `.javascript`), `$metadata` as a map with `.get('k')`,
`.keySet()`, `.entrySet()` (entries with `.key`/`.value`), and attachments with `.contentType`,
`.base64` and `.originalName`.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

try:
    import airspeed
except ImportError as missing:  # the client installs without it; say how to get the sandbox's
    raise ImportError(
        f"the MessageMedia sandbox needs airspeed ({missing}): pip install 'messagemedia-messages[sandbox]'"
    ) from missing


class TemplateError(Exception):
    """The template cannot be rendered; the text says where and why."""


class EscapeTool:
    """Velocity's EscapeTool, as `$esc`: each method takes a value and returns it escaped."""

    @staticmethod
    def json(value: object) -> str:
        # The JSON string's content, without the quotes the template writes around it.
        return "" if value is None else json.dumps(str(value), ensure_ascii=False)[1:-1]

    @staticmethod
    def javascript(value: object) -> str:
        return EscapeTool.json(value)

    @staticmethod
    def xml(value: object) -> str:
        return "" if value is None else html.escape(str(value), quote=True).replace("&#x27;", "&apos;")

    @staticmethod
    def html(value: object) -> str:
        return "" if value is None else html.escape(str(value), quote=True)

    @staticmethod
    def url(value: object) -> str:
        return "" if value is None else quote(str(value), safe="")


@dataclass(frozen=True)
class Entry:
    """One `entrySet()` entry: `$entry.key`, `$entry.value` (and the Java getters)."""

    key: str
    value: str

    def getKey(self) -> str:  # noqa: N802 - the Java name templates call
        return self.key

    def getValue(self) -> str:  # noqa: N802
        return self.value

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


class JavaList(list[Any]):
    """A list that prints as Java prints one: [a, b]."""

    def __str__(self) -> str:
        return "[" + ", ".join(str(item) for item in self) + "]"


class VelocityMap(dict[str, str]):
    """A map as a Java Map looks to a template: `.get('k')`, `.keySet()`, `.entrySet()`, `.size()`."""

    def keySet(self) -> JavaList:  # noqa: N802 - the Java name templates call
        return JavaList(self.keys())

    def entrySet(self) -> JavaList:  # noqa: N802
        return JavaList(Entry(key, value) for key, value in self.items())

    def size(self) -> int:
        return len(self)

    def isEmpty(self) -> bool:  # noqa: N802
        return not self

    def containsKey(self, key: str) -> bool:  # noqa: N802
        return key in self

    def __str__(self) -> str:
        # What Java prints for a Map: {k=v, k2=v2}.
        return "{" + ", ".join(f"{key}={value}" for key, value in self.items()) + "}"


@dataclass(frozen=True)
class Attachment:
    """One MMS media item, as `$entry` in `#foreach($entry in $attachments)`."""

    contentType: str  # noqa: N815 - the names templates use
    base64: str
    originalName: str  # noqa: N815


def namespace(variables: Mapping[str, Any], transform: Callable[[str], str] | None = None) -> dict[str, Any]:
    """The template's context: each variable, with maps and attachments made Java-like.

    ``transform`` is applied to every text value (the URL of a GET webhook escapes them).
    """
    change = transform or (lambda text: text)
    context: dict[str, Any] = {"esc": EscapeTool()}
    for name, value in variables.items():
        if isinstance(value, Mapping):
            context[name] = VelocityMap({str(k): change(str(v)) for k, v in value.items()})
        elif name == "attachments" and isinstance(value, list):
            context[name] = [
                Attachment(
                    contentType=change(str(item.get("content_type", ""))),
                    base64=change(str(item.get("content", ""))),
                    originalName=change(str(item.get("original_name", ""))),
                )
                for item in value
            ]
        elif value is not None:
            context[name] = change(str(value))
    return context


def render(template: str, variables: Mapping[str, Any], transform: Callable[[str], str] | None = None) -> str:
    """The template rendered with these variables; TemplateError when Velocity cannot."""
    try:
        return str(airspeed.Template(template).merge(namespace(variables, transform)))
    except airspeed.TemplateError as exc:
        raise TemplateError(f"template: {exc}") from exc
    except Exception as exc:  # a user's template may make the engine fail in any way (1/0, deep nesting...)
        raise TemplateError(f"template: {type(exc).__name__}: {exc}") from exc


def render_url(url: str, variables: Mapping[str, Any]) -> str:
    """A webhook URL with its `$variables` (a GET webhook's query) filled in, each value URL-escaped."""
    if "$" not in url:
        return url
    return render(url, variables, transform=lambda text: quote(text, safe=""))
