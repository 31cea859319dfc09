"""The version numbers that decide whether what a run stored may be read by another.

Plain values with no imports, so the content cache can key its entries on them without
importing the models (pydantic) on a run that then answers from the cache alone.
"""

#: The data format's number (`format:` in intstrat.yaml). A breaking change to the
#: format needs a new number and a migration command (docs/format.md).
FORMAT_VERSION = 1

#: The layout of a record's row in the content cache (`loading.codec`). Bump when it
#: changes: a cache written by another layout is dropped.
CODEC_VERSION = 2
