"""intstrat: a municipality's international work as validated YAML records.

The public API is small on purpose; everything else is internal and may change.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
