"""Batch linkage of person records: which records of a file are the same person.

Pure Python plus DuckDB/Splink, no Django: `generator` writes test files with
ground truth, `features` turns records into comparable keys (from lotse.names),
`engine` links them with Splink, `evaluate` scores a result against the truth.
The `lotse people link` command (lotse.people.cli.link) wraps it.
"""

# The columns of the contract (shared/interfaces/people.md), in file order.
COLUMNS = (
    "record_id",
    "given_name",
    "family_name",
    "birth_date",
    "sex",
    "nationality",
    "birth_place",
    "source",
    "address",
    "postcode",
    "place",
)
