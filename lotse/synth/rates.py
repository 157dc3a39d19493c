"""The proportions the synthetic population follows, in one place.

Staffing is planned before the people are drawn, from the expected counts
these rates give; the population module draws with the same rates. The
numbers are plausible, not measured: they make lists and pages of a realistic
shape (most cases open, KIM the main programme, the job centre and the
immigration office taking part in a good share of cases).
"""

# Persons aged 18 or over; everyone else is a child in a household.
ADULT_SHARE_EXPECTED = 0.62
# Every adult gets a case; some also an older, closed one (a returning client).
EXTRA_CLOSED_CASE = 0.08
# Of the first cases, the share already closed.
CLOSED_SHARE = 0.15
CASES_PER_PERSON_EXPECTED = ADULT_SHARE_EXPECTED * (1 + EXTRA_CLOSED_CASE)
OPEN_CASES_PER_PERSON_EXPECTED = ADULT_SHARE_EXPECTED * (1 - CLOSED_SHARE)

# Case managers carry about this many open cases each (KIM guide value).
OPEN_CASES_PER_MANAGER = 150
MANAGERS_PER_TEAM = 8
# Office staff at the job centre, immigration and social office: cases they take part in.
PARTICIPATIONS_PER_OFFICE_STAFF = 600

PHASES_OPEN = (
    ("clearing", 0.14),
    ("assessment", 0.14),
    ("planning", 0.16),
    ("linking", 0.16),
    ("monitoring", 0.30),
    ("evaluation", 0.10),
)
PROGRAMMES = (("kim", 0.80), ("mbe", 0.10), ("bw_im", 0.04), ("other", 0.02))
# Young adults (under 27) at welfare organisations are often in the youth migration service.
JMD_SHARE_YOUNG = 0.35
CLOSING_REASONS = (
    ("goals_achieved", 0.30),
    ("partly_achieved", 0.22),
    ("handed_over", 0.12),
    ("moved_away", 0.12),
    ("no_contact", 0.14),
    ("consent_withdrawn", 0.03),
    ("ended_by_person", 0.05),
    ("other", 0.02),
)

# Offices taking part in a case (per case, independently). Job centre or
# immigration office are involved in about 40 % of cases.
PARTICIPATION = (
    ("jobcentre", 0.26),
    ("immigration", 0.22),
    ("social", 0.08),
    ("employment_agency", 0.04),
    ("youth", 0.04),
    ("naturalisation", 0.02),
    ("school", 0.02),
)
PARTICIPANTS_PER_CASE_EXPECTED = sum(p for _k, p in PARTICIPATION)

# Consent for the participants of a case.
CONSENT_COVERS_PARTICIPANTS = 0.88
CONSENT_FOR_WHOLE_PERSON = 0.25
CONSENT_EXPIRED = 0.07
CONSENT_WITHDRAWN = 0.04

# What each kind of office is usually released to see.
RELEASED_TO = {
    "jobcentre": ("identity", "contact", "education_work", "finances"),
    "immigration": ("identity", "residence", "family"),
    "social": ("identity", "contact", "finances", "family"),
    "employment_agency": ("identity", "contact", "education_work"),
    "youth": ("identity", "contact", "family", "education_work"),
    "naturalisation": ("identity", "residence", "education_work"),
    "school": ("identity", "family"),
}
HEALTH_RELEASED = 0.06
