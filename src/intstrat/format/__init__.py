"""The data format, version 1: what a record is.

Owns the value types (localised text, partial dates, periods, slugs, codes), the
pydantic models of intstrat.yaml, partners and projects, the SDG reference table,
the JSON Schemas generated from the models, and the canonical YAML writer. It is
the contract municipalities' repositories depend on. May import only
`intstrat.errors` and `intstrat.fileio`; everything else imports it.
"""
