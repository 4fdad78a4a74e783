"""The exceptions endpoint functions raise, re-exported from ``messagemedia_runtime.errors``.

Generated from templates/errors.py.jinja. Do not edit.
"""

from messagemedia_runtime.errors import *  # noqa: F403
from messagemedia_runtime.errors import __all__ as __all__
