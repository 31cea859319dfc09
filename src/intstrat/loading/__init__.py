"""From files to records: the safe YAML 1.2 reader, diagnostics, and the repository.

Owns layers 1 and 2 of the checks (YAML and schema): reading bytes, refusing what
YAML must not do here, turning pydantic errors into diagnostics with file and
line, and loading a whole repository into valid records plus findings. May
import `intstrat.format` and the base modules, nothing above.
"""
