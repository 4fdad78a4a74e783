"""How many billable parts a message is, which is what credits and `billing_units` count.

The rule is the carriers' concatenated-SMS rule: text made only of GSM 03.38 characters fits
160 per single part and 153 per part once split (the rest carries the joining header); any
other character switches the whole message to UCS-2, 70 per single part and 67 once split.
Characters from the GSM extension table take two slots. MMS and TTS messages count as one
part each whatever their length: the sandbox has no better price list for them.
"""

from __future__ import annotations

import math

_GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENSION = frozenset("^{}\\[~]|€\f")


def sms_parts(content: str) -> int:
    """Billable SMS parts for this text."""
    if all(ch in _GSM_BASIC or ch in _GSM_EXTENSION for ch in content):
        units = sum(2 if ch in _GSM_EXTENSION else 1 for ch in content)
        single, split = 160, 153
    else:
        # UCS-2 counts UTF-16 code units, so characters outside the BMP take two.
        units = sum(2 if ord(ch) > 0xFFFF else 1 for ch in content)
        single, split = 70, 67
    if units <= single:
        return 1
    return math.ceil(units / split)


def billing_units(message_format: str, content: str) -> int:
    """Parts billed for one message of this format."""
    if message_format == "SMS":
        return sms_parts(content)
    return 1
