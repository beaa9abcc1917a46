"""Realistic facts about an invented person, by name; ``hints.json`` says which question asks which fact.

A fact is code because it couples what one person's answers must agree on
(the expiry date follows the issue date, the landlord is the employer for
employer housing). Which catalogue key asks for which fact, and how often it is
answered, is data: a question a town adds can point to an existing fact.
Facts return answers typed as stored (dates as ISO strings); ``None`` is "not
answered".
"""

import datetime

from .people import (
    AUTHORITIES,
    EARLIER_GERMAN_TOWNS,
    EVIDENCE,
    HEALTH_NOTES,
    LANDLORDS,
    LEAFLETS,
    REFERRALS,
    RO_COUNTIES,
    SERVICE_PROVIDERS,
    TOWNS,
    digits,
    letters,
    to_latin,
    weighted,
)


class Facts:
    def __init__(self, people):
        self.people = people
        self.rng = people.rng

    def of(self, name, person):
        """The fact ``name`` about ``person``; ``KeyError`` for a fact nobody wrote."""
        produce = getattr(self, name, None)
        if produce is None or name.startswith("_") or name in ("of", "chance", "days"):
            raise KeyError(name)
        return produce(person)

    def chance(self, probability, value):
        return value if self.rng.random() < probability else None

    def days(self, low, high):
        return datetime.timedelta(days=self.rng.randint(low, high))

    # -- A. Procedure -----------------------------------------------------------------

    def appointment_date(self, p):
        return p.today.isoformat()

    def interview_language(self, p):
        return p.language

    def interpreter_present(self, p):
        return p.language not in ("de", "en") and self.rng.random() < 0.55

    def staff_member(self, p):
        return p.clerk

    def privacy_notice_handed_over(self, p):
        return self.rng.random() < 0.97

    def privacy_notice_version(self, p):
        return f"Fassung {p.today.year}-01"

    def privacy_notice_language(self, p):
        return p.language

    # -- B. Identity ------------------------------------------------------------------

    def surname(self, p):
        return p.surname

    def birth_names(self, p):
        if p.sex == "female" and p.marital_status != "single" and self.rng.random() < 0.6:
            return to_latin(self.people.fakers[p.locale].last_name_female())
        return None

    def first_names(self, p):
        return p.first_names

    def date_of_birth(self, p):
        return p.birth_date.isoformat()

    def place_of_birth(self, p):
        return p.birth_place

    def country_of_birth(self, p):
        return p.birth_country

    def sex(self, p):
        return p.sex

    def nationalities(self, p):
        if p.birth_country == "MD" and self.rng.random() < 0.7:
            return ["RO", "MD"]
        return [p.nationality]

    def document_type(self, p):
        return weighted(self.rng, [("id_card", 80), ("passport", 19), ("other", 1)])

    def document_serial_number(self, p):
        rng, code = self.rng, p.nationality
        if code == "RO":
            return rng.choice(RO_COUNTIES) + digits(rng, "######")
        if code == "PL":
            return letters(rng, 3) + digits(rng, "######")
        if code == "HU":
            return digits(rng, "######") + letters(rng, 2)
        return digits(rng, "#########")

    def document_issuing_authority(self, p):
        town = self.people.town(p.locale)
        return AUTHORITIES[p.nationality].format(town=town)

    def document_issue_date(self, p):
        p.document_issued = p.today - self.days(30, 9 * 365)
        return p.document_issued.isoformat()

    def document_expiry_date(self, p):
        issued = p.document_issued or p.today - self.days(30, 9 * 365)
        return (issued + datetime.timedelta(days=10 * 365 - 1)).isoformat()

    # -- C. Arrival and dwelling --------------------------------------------------------

    def new_address(self, p):
        return p.address

    def move_in_date(self, p):
        p.moved_in = p.today - self.days(0, 21)
        return p.moved_in.isoformat()

    def residence_type(self, p):
        p.residence_type = weighted(self.rng, [("sole", 85), ("main", 12), ("secondary", 3)])
        return p.residence_type

    def other_german_dwellings(self, p):
        return p.residence_type != "sole"

    def last_address_abroad(self, p):
        rng = self.rng
        if p.locale == "bg_BG":
            street = f"ul. {self.people.name('bg_BG', 'male')[1]} {rng.randint(1, 90)}"
            postcode = digits(rng, "####")
        else:
            fake = self.people.fakers[p.locale]
            street, postcode = fake.street_address().replace("\n", ", "), fake.postcode()
        town = self.people.town(p.locale)
        return f"{street}, {postcode} {town}"[:500]

    def last_country_abroad(self, p):
        return p.nationality

    def last_german_address(self, p):
        if self.rng.random() < 0.1:
            return self.people.german_address(EARLIER_GERMAN_TOWNS)
        return None

    def arrival_date(self, p):
        moved_in = p.moved_in or p.today
        return (moved_in - self.days(0, 14)).isoformat()

    def landlord_confirmation_present(self, p):
        return self.rng.random() < 0.85

    def landlord_name(self, p):
        if p.housing_by_employer:
            return p.employer[0] if self.rng.random() < 0.6 else self.rng.choice(LANDLORDS)
        if self.rng.random() < 0.5:
            return self.rng.choice(LANDLORDS)
        fake = self.people.fakers["de_DE"]
        return f"{fake.first_name()} {fake.last_name()}"

    def landlord_address(self, p):
        return self.people.german_address([(postcode, town) for postcode, town, _weight in TOWNS[:2]])

    def owner_name(self, p):
        return self.rng.choice(LANDLORDS)

    def owner_address(self, p):
        return None

    def housing_by_employer(self, p):
        return p.housing_by_employer

    def adults_at_address(self, p):
        adults = 1 + (1 if p.spouse and p.spouse[2] else 0) + len(p.flatmates)
        if p.housing_by_employer:
            adults += self.rng.randint(0, 4)
        return min(adults, 50)

    def children_6_to_17_at_address(self, p):
        return sum(1 for c in p.children if c[4] and 6 * 365 <= (p.today - c[2]).days < 18 * 365)

    def children_under_6_at_address(self, p):
        return sum(1 for c in p.children if c[4] and (p.today - c[2]).days < 6 * 365)

    def flat_size_sqm(self, p):
        size = self.rng.randint(28, 110)
        return size if self.rng.random() < 0.9 else size + 0.5

    # -- D. Household -------------------------------------------------------------------

    def marital_status(self, p):
        return p.marital_status

    def marital_status_date(self, p):
        adult = p.birth_date + datetime.timedelta(days=18 * 365 + 5)
        span = max(1, (p.today - adult).days)
        return (adult + datetime.timedelta(days=self.rng.randint(0, span - 1))).isoformat()

    def marital_status_place(self, p):
        return p.birth_place

    def marital_status_country(self, p):
        return p.nationality

    def spouse_name(self, p):
        return p.spouse[0] if p.spouse else None

    def spouse_birth_date(self, p):
        return self.chance(0.7, p.spouse[1].isoformat()) if p.spouse else None

    def has_minor_children(self, p):
        return True if p.children else self.chance(0.9, False)

    def children(self, p):
        return [
            {"child_name": f"{first} {surname}", "child_birth_date": born.isoformat(), "child_sex": sex}
            for first, surname, born, sex, _here in p.children
        ]

    def school_age_children_enrolled(self, p):
        school_age = [c for c in p.children if c[4] and 6 * 365 <= (p.today - c[2]).days < 18 * 365]
        return self.chance(0.8, self.rng.random() < 0.4) if school_age else None

    def legal_representative(self, p):
        return None  # adults only

    def household_members(self, p):
        members = []
        if p.spouse and p.spouse[2]:
            name, born, _here = p.spouse
            members.append(
                {"member_name": name, "member_birth_date": born.isoformat(), "member_relationship": "partner"}
            )
        members += [{"member_name": name, "member_relationship": "flatmate"} for name in p.flatmates]
        return members or None

    # -- E. Purpose of stay ---------------------------------------------------------------

    def stay_category(self, p):
        return p.stay_category

    def employer_name(self, p):
        if p.stay_category == "service_provider":
            return self.rng.choice(SERVICE_PROVIDERS)
        return p.employer[0]

    def work_site(self, p):
        return p.employer[1]

    def employment_start_date(self, p):
        return (p.today + datetime.timedelta(days=self.rng.randint(-30, 14))).isoformat()

    def hours_per_week(self, p):
        return weighted(self.rng, [(40, 60), (38.5, 10), (35, 10), (30, 10), (20, 5), (45, 5)])

    def family_relationship(self, p):
        return weighted(
            self.rng, [("spouse", 60), ("child_under_21", 20), ("dependent_ascendant", 10)] + [("close_person", 10)]
        )

    def evidence_shown(self, p):
        rng = self.rng
        if rng.random() < 0.15:
            return None
        if rng.random() < 0.1:
            return ["none"]
        shown = [rng.choice(EVIDENCE[p.stay_category])]
        if rng.random() < 0.3 and "health_insurance_proof" not in shown:
            shown.append("health_insurance_proof")
        return shown

    def evidence_date(self, p):
        return p.today.isoformat()

    def health_insurance(self, p):
        if p.stay_category in ("worker", "service_provider") or self.rng.random() < 0.3:
            choice = "statutory_job"
        else:
            choice = weighted(self.rng, [("ehic", 60), ("private", 15), ("none", 25)])
        return choice

    def sufficient_means(self, p):
        return self.rng.random() < 0.8

    # -- F. Counselling -------------------------------------------------------------------

    def counselling_topics(self, p):
        rng = self.rng
        weights = {"labour_rights": 0.5, "health_insurance": 0.4, "language_course": 0.4, "housing": 0.2}
        weights.update(debts=0.05, school_nursery=0.9 if p.children else 0.02)
        p.topics = [topic for topic, chance in weights.items() if rng.random() < chance]
        return p.topics or None

    def materials_handed_out(self, p):
        topics = p.topics
        return ["arrival_folder"] + [LEAFLETS[t] for t in topics if self.rng.random() < 0.6]

    def materials_language(self, p):
        return p.language

    def referred_to(self, p):
        rng = self.rng
        referred = [REFERRALS[t] for t in p.topics if t in REFERRALS and rng.random() < 0.3]
        if rng.random() < 0.25:
            referred.append("case_management")
        if p.stay_category == "job_seeker" and rng.random() < 0.6:
            referred.append("jobcenter")
        return referred or None

    def health_notes_consent(self, p):
        return self.rng.random() < 0.1

    def health_notes(self, p):
        return self.rng.choice(HEALTH_NOTES)

    # -- G. Release -------------------------------------------------------------------------

    def buergerbuero_appointment_date(self, p):
        return p.follow_up.isoformat() if p.follow_up else None
