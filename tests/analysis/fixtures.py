"""Small treaty texts written for these tests (Markdown, as the project's writer sets them)."""

AGREEMENT = """# Agreement on Critical Minerals Supply

The Government of the United States of America (\u201cthe United States\u201d) and the Government of the United Mexican States (\u201cMexico\u201d) (hereinafter referred to collectively as \u201cthe Parties\u201d),

Have agreed as follows:

### Article 1: Definitions

For the purposes of this Agreement:

(a) \u201cCovered Mineral\u201d means lithium, cobalt or nickel, in any form; and

(b) \u201cReference Price\u201d means the price that the Committee publishes under Article 3.

### Article 2: Notification

1\\. Each Party shall notify the other Party of any export restriction on a Covered Mineral within thirty (30) days.

2\\. The notification referred to in paragraph 1 shall be made in writing.

### Article 3: Committee

1\\. The Parties hereby establish a Critical Minerals Committee (the \u201cCommittee\u201d).

2\\. The Committee shall publish a Reference Price for each Covered Mineral at least once a year.
"""

# the same agreement with one seeded defect of each kind
DEFECTIVE = (AGREEMENT
             .replace("within thirty (30) days.", "within thirty (30) days, as provided in Article 9.")
             .replace("shall be made in writing.", "shall be made in writing to the Eligible Authority.")
             .replace("(b) \u201cReference Price\u201d means the price that the Committee publishes under Article 3.",
                      "(b) \u201cReference Price\u201d means the price that the Committee publishes under Article 3; and\n\n"
                      "(c) \u201cStrategic Stockpile\u201d means a stock of Covered Minerals held by a Party.")
             .replace("2\\. The Committee shall publish", "2\\. The Participants intend to meet annually. The Committee shall publish")
             + "\n### Article 4: Data\n\nData that the U.S. provides shall be used by Mexico only for the purposes of this Agreement.\n")
