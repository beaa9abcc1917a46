"""Demo cases for the first interview: a year of invented arrivals, written in bulk.

``seed_demo_cases(n)`` adds ``n`` cases spread over the past twelve months, with
answers that the published ``erstgespraech`` accepts, status histories that
follow ``case_file.TRANSITIONS`` and release certificates for released cases.
``manage.py seed_demo`` and ``bootstrap --demo`` call it.

The people are invented with Faker (ro_RO, bg_BG, pl_PL, hu_HU, hr_HR) in the
nationality mix Weißenfels reported (55 % Romanian, 31 % Bulgarian, 9 % Polish);
names are in Latin script, as a passport's machine-readable zone gives them.
Answers are generated from the *compiled* questionnaire, so a question an
administrator adds still gets a valid answer (by its type), and a question whose
condition does not hold gets none.

Rows are built in memory and inserted with ``bulk_create`` (the answered-field
rows, nine in ten of all rows, as plain multi-row INSERTs), batch by batch, each
batch in one transaction: the number of statements grows with the number of
batches, not of rows. ``bulk_create`` stamps ``auto_now``/``auto_now_add``
fields with the current time, so the demo's own times are written back with one
``executemany`` UPDATE per table and batch. Nothing is audited per row; one
``demo.seed`` entry records the run. Every demo case has ``source_kind="demo"``.
"""

import datetime
import math
import random
import re
import time
from collections import Counter as Tally
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django_countries import countries
from faker import Faker

from core import audit, roles
from questionnaires.answers import answered_keys
from questionnaires.api import published
from questionnaires.conditions import EMPTY, holds
from questionnaires.field_types import registry
from questionnaires.field_types.standard import phone_number
from questionnaires.form_fields import LANGUAGE_CODES
from questionnaires.models import AnsweredField, AnswerSet
from questionnaires.patterns import answer_matches

from .models import (
    Case,
    CaseStatus,
    CaseStatusChange,
    CertificateStatus,
    ReleaseCertificate,
    Sequence,
)
from .release import new_verification_code

QUESTIONNAIRE = "erstgespraech"
SOURCE = "demo"
BATCH_SIZE = 2000
DEFAULT_CASES = 1800  # about a year at the 140–160 arrivals a month the town reports
MAX_CLERKS = 20

S = CaseStatus
NONE, DRAFT, FULL = "none", "draft", "full"  # how much of the interview was recorded


class DemoUnavailable(Exception):
    """The demo cannot be seeded yet (the questionnaire is not published)."""


# -- who arrives -------------------------------------------------------------------------
# code, Faker locale, share in %, interview languages with weights
NATIONALITIES = (
    ("RO", "ro_RO", 55, (("ro", 85), ("de", 10), ("en", 5))),
    ("BG", "bg_BG", 31, (("bg", 85), ("de", 8), ("en", 7))),
    ("PL", "pl_PL", 9, (("pl", 80), ("de", 15), ("en", 5))),
    ("HU", "hu_HU", 3, (("hu", 80), ("de", 15), ("en", 5))),
    ("HR", "hr_HR", 2, (("hr", 60), ("de", 30), ("en", 10))),
)
BULGARIAN_TOWNS = (
    "Sofia Plovdiv Varna Burgas Ruse Sliven Pleven Shumen Dobrich Pernik Haskovo Yambol Pazardzhik Blagoevgrad "
    "Vratsa Gabrovo Vidin Montana Kardzhali Kyustendil Lovech Targovishte Razgrad Silistra Smolyan Kazanlak"
).split() + ["Stara Zagora", "Veliko Tarnovo", "Nova Zagora"]
MOLDOVAN_TOWNS = ("Chișinău", "Bălți", "Cahul", "Orhei", "Ungheni", "Soroca")  # Romanian citizens born in Moldova
CYRILLIC = dict(
    zip(
        "абвгдежзийклмнопрстуфхцчшщъьюя",
        "a b v g d e zh z i y k l m n o p r s t u f h ts ch sh sht a y yu ya".split(),
        strict=True,
    )
)
AUTHORITIES = {
    "RO": "SPCLEP {town}",
    "BG": "MVR {town}",
    "PL": "Prezydent Miasta {town}",
    "HU": "Kormányhivatal {town}",
    "HR": "PU {town}",
}
RO_COUNTIES = (
    "AB AR AG BC BH BN BT BV BR BZ CS CL CJ CT CV DB DJ GL GR GJ HR HD IL IS IF MM MH MS NT OT PH SM SJ SB SV TR TM "
    "TL VS VL VN"
).split()

# -- where they live and work (places real, companies and landlords invented) ---------
TOWNS = (("06667", "Weißenfels", 70), ("06679", "Hohenmölsen", 8), ("06712", "Zeitz", 6))
TOWNS += (("06618", "Naumburg (Saale)", 6), ("06686", "Lützen", 5), ("06682", "Teuchern", 5))
WEISSENFELS_STREETS = (
    "Merseburger Straße|Leipziger Straße|Naumburger Straße|Zeitzer Straße|Friedrichstraße|Jüdenstraße|"
    "Marienstraße|Beuditzstraße|Langendorfer Straße|Novalisstraße|Große Burgstraße|Nikolaistraße|Saalstraße|"
    "Tagewerbener Straße|Fichtestraße|Selauer Straße|Dammstraße|Promenade|Georgenberg|Kugelberg|Lützener Straße"
).split("|")
STREETS = (
    "Bahnhofstraße|Hauptstraße|Gartenstraße|Schulstraße|Lindenstraße|Goethestraße|Schillerstraße|Bergstraße|"
    "Ringstraße|Am Markt|Karl-Marx-Straße|Straße der Einheit|Friedensstraße|Rosa-Luxemburg-Straße"
).split("|")
EARLIER_GERMAN_TOWNS = (
    ("04109", "Leipzig"),
    ("06108", "Halle (Saale)"),
    ("06217", "Merseburg"),
    ("33378", "Rheda-Wiedenbrück"),
    ("49377", "Vechta"),
    ("49661", "Cloppenburg"),
)
FLOORS = ("", "", "", "EG", "1. OG", "2. OG", "3. OG links", "3. OG rechts", "DG", "Whg. 4", "Whg. 12")
LANDLORDS = ("Saaletal Wohnen GmbH", "Wohnungsgenossenschaft Burgenland eG", "Immobilien Krause & Sohn GbR")
EMPLOYERS = (  # employer (often a subcontractor), work site, weight
    ("Saale-Unstrut Personaldienst GmbH", "Fleischwerk Weißenfels", 30),
    ("Mitteldeutsche Zerlegetechnik GmbH", "Fleischwerk Weißenfels", 18),
    ("Weißenfelser Fleischwaren GmbH", "Weißenfels, Werk Nord", 6),
    ("Burgenland Industrieservice GmbH", "Logistikzentrum Großkorbetha", 14),
    ("Paketlogistik Radefeld GmbH", "Paketzentrum Leipzig-Radefeld", 10),
    ("Agrarservice Burgenland eG", "Obst- und Gemüsehof Teuchern", 7),
    ("Gebäudereinigung Blank & Partner GmbH", "Weißenfels", 6),
    ("Bau Kühne GmbH", "Baustellen im Burgenlandkreis", 5),
    ("Pflegedienst Saaleaue GmbH", "Weißenfels", 4),
)
SERVICE_PROVIDERS = ("SC Carne Expert SRL", "Montaj Construct SRL", "Stroy Invest EOOD", "Budmax Sp. z o.o.")
STAY_CATEGORIES = (
    ("worker", 78),
    ("family_member", 7),
    ("job_seeker", 6),
    ("self_employed", 3),
    ("non_active", 2),
    ("permanent_resident", 2),
    ("service_provider", 1.5),
    ("service_recipient", 0.5),
)
EVIDENCE = {
    "worker": ["hiring_confirmation", "employment_certificate"],
    "service_provider": ["service_proof"],
    "self_employed": ["self_employment_proof"],
    "job_seeker": ["job_search_proof"],
    "family_member": ["relationship_proof"],
    "non_active": ["means_proof", "health_insurance_proof"],
    "permanent_resident": ["residence_period_proof"],
    "service_recipient": ["health_insurance_proof"],
}
LEAFLETS = {
    "labour_rights": "labour_rights_leaflet",
    "health_insurance": "health_insurance_leaflet",
    "school_nursery": "school_nursery_leaflet",
    "language_course": "language_course_leaflet",
    "housing": "housing_leaflet",
    "debts": "debt_counselling_leaflet",
}
REFERRALS = {
    "labour_rights": "labour_rights_counselling",
    "school_nursery": "school_office",
    "language_course": "language_course_provider",
    "housing": "housing_office",
    "debts": "debt_counselling",
}
HEALTH_NOTES = (
    "Schwanger, Vorsorgeuntersuchung gewünscht.",
    "Diabetes; Medikamente für vier Wochen vorhanden, Hausarzt gesucht.",
    "Kind mit Asthma, Kinderarzt gesucht.",
    "Rückenbeschwerden nach Arbeitsunfall im Herkunftsland.",
)
CLERKS = ("Anja Krüger", "Thomas Lehmann", "Sabine Wolf")
NO_SHOW = ("Zum Termin nicht erschienen.", "Nicht erschienen, telefonisch nicht erreichbar.")
CANCELLED = ("Termin vom Arbeitgeber abgesagt.", "Person zieht nicht nach Weißenfels.", "Doppelt angelegt.")
BROKEN_OFF = ("Person hat das Gespräch abgebrochen.", "Gespräch abgebrochen, kein Dolmetscher verfügbar.")
LEFT_LATER = ("Person ist vor der Anmeldung weggezogen.", "Arbeitsvertrag vor Arbeitsbeginn aufgelöst.")
REVOKED = ("Anschrift falsch übernommen, neu ausgestellt.", "Freigabeschein auf falschen Namen ausgestellt.")

# -- when: Tuesday and Thursday, 8:30–12:00 and 13:00–16:30 ------------------------------
OFFICE_WEEKDAYS = (1, 3)
OFFICE_MINUTES = 420
UPCOMING_BOOKINGS = 6


def _office_time(day, minute):
    """The ``minute``-th minute of the office hours of ``day``, as an aware datetime."""
    start = (8 * 60 + 30 + minute) if minute < 210 else (13 * 60 + minute - 210)
    naive = datetime.datetime.combine(day, datetime.time(start // 60, start % 60))
    return timezone.make_aware(naive)


def _at(day, hour, minutes=0):
    naive = datetime.datetime.combine(day, datetime.time(hour)) + datetime.timedelta(minutes=minutes)
    return timezone.make_aware(naive)


def _minutes(value):
    return datetime.timedelta(minutes=value)


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def _to_latin(text):
    """Bulgarian Cyrillic → Latin, by the official transliteration (Ivanov, Zhivkov, Shtilyanova)."""
    if not any("\u0400" <= ch <= "\u04ff" for ch in text):
        return text
    out = []
    for ch in text:
        latin = CYRILLIC.get(ch.lower())
        if latin is None:
            out.append(ch)
        else:
            out.append(latin.capitalize() if ch.isupper() else latin)
    return "".join(out)


def _digits(rng, pattern):
    return "".join(str(rng.randrange(10)) if ch == "#" else ch for ch in pattern)


def _letters(rng, count):
    return "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(count))


# -- one person ------------------------------------------------------------------------
@dataclass
class Person:
    """Everything the answers of one case are made of; coupled facts are decided once, here."""

    nationality: str
    locale: str
    sex: str
    first_names: str
    surname: str
    birth_date: datetime.date
    birth_place: str
    birth_country: str
    language: str
    today: datetime.date  # the interview day: date rules are checked against it
    address: dict
    stay_category: str
    employer: tuple
    housing_by_employer: bool
    marital_status: str
    spouse: tuple | None = None  # (name, birth date, lives here)
    children: list = field(default_factory=list)  # (first name, surname, birth date, sex, lives here)
    flatmates: list = field(default_factory=list)  # names
    follow_up: datetime.date | None = None  # the Bürgerbüro appointment
    clerk: str = ""
    # decided while answering, read by later answers
    document_issued: datetime.date | None = None
    moved_in: datetime.date | None = None
    residence_type: str = "sole"
    topics: list = field(default_factory=list)


class People:
    """Invents people: Faker per nationality, seeded from the run's random generator."""

    def __init__(self, rng, n):
        self.rng = rng
        self.fakers = {}
        for locale in [entry[1] for entry in NATIONALITIES] + ["de_DE"]:
            fake = Faker(locale)
            fake.seed_instance(rng.getrandbits(32))
            self.fakers[locale] = fake
        self.mix = [(entry, entry[2]) for entry in NATIONALITIES]
        # People share addresses (employer housing above all): a pool, not one address each.
        self.addresses = [self.german_address() for _ in range(max(20, min(n // 5, 20000)))]
        self.employer_housing = self.addresses[: max(3, len(self.addresses) // 10)]

    def german_address(self, towns=None):
        rng = self.rng
        if towns is None:
            postcode, town, _weight = rng.choices(TOWNS, [t[2] for t in TOWNS])[0]
        else:
            postcode, town = rng.choice(towns)
        streets = WEISSENFELS_STREETS if town == "Weißenfels" else STREETS
        number = str(rng.randint(1, 120)) + (rng.choice("abc") if rng.random() < 0.1 else "")
        return {
            "street": rng.choice(streets),
            "number": number,
            "floor": rng.choice(FLOORS),
            "postcode": postcode,
            "town": town,
        }

    def name(self, locale, sex):
        fake = self.fakers[locale]
        first = fake.first_name_female() if sex == "female" else fake.first_name_male()
        if locale == "ro_RO" and self.rng.random() < 0.2:
            first += " " + (fake.first_name_female() if sex == "female" else fake.first_name_male())
        surname = fake.last_name_female() if sex == "female" else fake.last_name_male()
        return _to_latin(first), _to_latin(surname)

    def first_name(self, locale, sex):
        fake = self.fakers[locale]
        return _to_latin(fake.first_name_female() if sex == "female" else fake.first_name_male())

    def town(self, locale):
        if locale == "bg_BG":
            return self.rng.choice(BULGARIAN_TOWNS)
        return self.fakers[locale].city()

    def person(self, today, follow_up=None):
        rng = self.rng
        (nationality, locale, _share, languages) = rng.choices(*zip(*self.mix, strict=True))[0]
        sex = "female" if rng.random() < 0.38 else "male"
        first, surname = self.name(locale, sex)
        birth_country, birth_place = nationality, self.town(locale)
        if nationality == "RO" and rng.random() < 0.05:
            birth_country, birth_place = "MD", rng.choice(MOLDOVAN_TOWNS)
        age = int(rng.triangular(18, 63, 29))
        birth_date = today - datetime.timedelta(days=age * 365 + rng.randint(1, 360))
        stay = _weighted(rng, STAY_CATEGORIES)
        employer = _weighted(rng, [(e, e[2]) for e in EMPLOYERS])
        housing_by_employer = stay == "worker" and rng.random() < 0.55
        address = rng.choice(self.employer_housing if housing_by_employer else self.addresses)
        status = _weighted(
            rng,
            [("single", 44), ("married", 44), ("divorced", 6), ("widowed", 1), ("civil_partnership", 1)]
            + [("unknown", 4)],
        )
        person = Person(
            nationality=nationality,
            locale=locale,
            sex=sex,
            first_names=first,
            surname=surname,
            birth_date=birth_date,
            birth_place=birth_place,
            birth_country=birth_country,
            language=_weighted(rng, languages),
            today=today,
            address=address,
            stay_category=stay,
            employer=employer,
            housing_by_employer=housing_by_employer,
            marital_status=status if age >= 20 else "single",
            follow_up=follow_up,
            clerk=rng.choice(CLERKS),
        )
        if person.marital_status in ("married", "civil_partnership"):
            spouse_sex = "male" if sex == "female" else "female"
            spouse_first, spouse_surname = self.name(locale, spouse_sex)
            if rng.random() < 0.7:
                spouse_surname = _gendered(surname, spouse_sex)
            spouse_birth = birth_date + datetime.timedelta(days=rng.randint(-6 * 365, 6 * 365))
            spouse_birth = min(spouse_birth, today - datetime.timedelta(days=18 * 365))
            person.spouse = (f"{spouse_first} {spouse_surname}", spouse_birth, rng.random() < 0.5)
        if age >= 21 and rng.random() < 0.33:
            family_here = rng.random() < 0.6
            for _ in range(rng.choices((1, 2, 3), (50, 35, 15))[0]):
                child_sex = rng.choice(("female", "male"))
                child_age_days = rng.randint(30, min(17, age - 19) * 365 + 300)
                person.children.append(
                    (
                        self.first_name(locale, child_sex),
                        _gendered(surname, child_sex),
                        today - datetime.timedelta(days=child_age_days),
                        child_sex,
                        family_here,
                    )
                )
        if housing_by_employer and rng.random() < 0.4:
            person.flatmates = [" ".join(self.name(locale, sex)) for _ in range(rng.randint(1, 3))]
        return person


def _gendered(surname, sex):
    """Bulgarian and Polish surnames agree with the bearer: Ivanov/Ivanova, Kowalski/Kowalska."""
    female = {"ov": "ova", "ev": "eva", "ski": "ska", "cki": "cka", "dzki": "dzka"}
    for male_end, female_end in female.items():
        if sex == "female" and surname.endswith(male_end):
            return surname[: -len(male_end)] + female_end
        if sex == "male" and surname.endswith(female_end):
            return surname[: -len(female_end)] + male_end
    return surname


# -- the answers -----------------------------------------------------------------------
COUNTRY_CODES = frozenset(code for code, _name in countries)
LANGUAGES = frozenset(LANGUAGE_CODES)
ADDRESS_PARTS = ("street", "number", "floor", "postcode", "town")
POSTCODE = re.compile(r"^[A-Za-z0-9 -]{3,10}$")
PHONE = re.compile(r"^\+?[0-9 ()/.-]{5,30}$")
EMAIL = re.compile(r"^[a-z0-9_-]+(\.[a-z0-9_-]+)*@[a-z0-9-]+(\.[a-z0-9-]+)+$")
TEXT_LIMITS = {"text": 255, "long_text": 5000, "email": 254, "phone": 30}


class AnswerMaker:
    """The answers a person gives to one compiled questionnaire, typed as the form stores them.

    Visibility is decided as ``QuestionnaireForm`` decides it, in order, so a
    question whose condition does not hold gets no answer. A question with an
    ``answer_<key>`` method gets a realistic answer (``None``: not answered);
    any other gets one by its type when required, and sometimes when optional.
    A value that does not fit the item's rules is replaced by one by type.
    """

    def __init__(self, definition, people):
        self.definition = definition
        self.sections = definition.get("sections", [])
        self.people = people
        self.rng = people.rng

    def answers(self, person, *, sections=None):
        """``sections``: how many sections the interview got through (a draft); all by default."""
        result, seen = {}, {}
        for section in self.sections[:sections]:
            if not holds(section.get("condition"), seen):
                continue
            for item in section["items"]:
                if not holds(item.get("condition"), seen):
                    continue
                value = self.value(item, person, seen)
                seen[item["key"]] = value
                if value not in EMPTY:
                    result[item["key"]] = value
        return result

    def required(self, item, seen):
        condition = item.get("required_if")
        if item.get("required"):
            return True
        if not condition:
            return False
        # A condition on a later question cannot be decided yet: answer, to be safe.
        return condition["field"] not in seen or holds(condition, seen)

    def value(self, item, person, seen):
        if item["type"] == "group":
            return self.group(item, person, seen)
        produce = getattr(self, f"answer_{item['key']}", None)
        if produce is not None:
            value = produce(person, item)
        else:
            value = self.by_type(item, person) if self.rng.random() < 0.5 else None
        if value is not None and not fits(item, value, person.today):
            value = None
        if value is None and self.required(item, seen):
            value = self.by_type(item, person)
        return value

    def group(self, item, person, seen):
        subitems = [sub for sub in item.get("fields", []) if holds(sub.get("condition"), seen)]
        produce = getattr(self, f"answer_{item['key']}", None)
        raw = (produce(person, item) if produce else None) or []
        entries = []
        for raw_entry in raw[: item.get("max_items") or 30]:
            entry = {}
            for sub in subitems:
                value = raw_entry.get(sub["key"])
                if value is not None and not fits(sub, value, person.today):
                    value = None
                if value is None and self.required(sub, seen):
                    value = self.by_type(sub, person)
                if value not in EMPTY:
                    entry[sub["key"]] = value
            if entry:
                entries.append(entry)
        while subitems and len(entries) < (item.get("min_items") or 0):
            entry = {sub["key"]: self.by_type(sub, person) for sub in subitems if self.required(sub, seen)}
            entries.append(entry or {subitems[0]["key"]: self.by_type(subitems[0], person)})
        return entries or None

    # -- by type: what any question of a type can be answered with --------------------
    def by_type(self, item, person):
        return registry.get(item["type"]).demo_value(item, self.rng, person)

    def chance(self, probability, value):
        return value if self.rng.random() < probability else None

    def days(self, low, high):
        return datetime.timedelta(days=self.rng.randint(low, high))

    # -- A. Procedure -----------------------------------------------------------------
    def answer_appointment_date(self, p, item):
        return self.chance(0.9, p.today.isoformat())

    def answer_interview_language(self, p, item):
        return p.language

    def answer_interpreter_present(self, p, item):
        return p.language not in ("de", "en") and self.rng.random() < 0.55

    def answer_staff_member(self, p, item):
        return p.clerk

    def answer_privacy_notice_handed_over(self, p, item):
        return self.rng.random() < 0.97

    def answer_privacy_notice_version(self, p, item):
        return f"Fassung {p.today.year}-01"

    def answer_privacy_notice_language(self, p, item):
        return p.language

    # -- B. Identity ------------------------------------------------------------------
    def answer_surname(self, p, item):
        return p.surname

    def answer_birth_names(self, p, item):
        if p.sex == "female" and p.marital_status != "single" and self.rng.random() < 0.6:
            return _to_latin(self.people.fakers[p.locale].last_name_female())
        return None

    def answer_first_names(self, p, item):
        return p.first_names

    def answer_date_of_birth(self, p, item):
        return p.birth_date.isoformat()

    def answer_place_of_birth(self, p, item):
        return p.birth_place

    def answer_country_of_birth(self, p, item):
        return p.birth_country

    def answer_sex(self, p, item):
        return p.sex

    def answer_nationalities(self, p, item):
        if p.birth_country == "MD" and self.rng.random() < 0.7:
            return ["RO", "MD"]
        return [p.nationality]

    def answer_document_type(self, p, item):
        return _weighted(self.rng, [("id_card", 80), ("passport", 19), ("other", 1)])

    def answer_document_serial_number(self, p, item):
        rng, code = self.rng, p.nationality
        if code == "RO":
            return rng.choice(RO_COUNTIES) + _digits(rng, "######")
        if code == "PL":
            return _letters(rng, 3) + _digits(rng, "######")
        if code == "HU":
            return _digits(rng, "######") + _letters(rng, 2)
        return _digits(rng, "#########")

    def answer_document_issuing_authority(self, p, item):
        town = self.people.town(p.locale)
        return self.chance(0.7, AUTHORITIES[p.nationality].format(town=town))

    def answer_document_issue_date(self, p, item):
        p.document_issued = p.today - self.days(30, 9 * 365)
        return self.chance(0.9, p.document_issued.isoformat())

    def answer_document_expiry_date(self, p, item):
        issued = p.document_issued or p.today - self.days(30, 9 * 365)
        return self.chance(0.9, (issued + datetime.timedelta(days=10 * 365 - 1)).isoformat())

    def answer_contact_email(self, p, item):
        return self.chance(0.45, self.by_type(item, p))

    def answer_contact_phone(self, p, item):
        country = "DE" if self.rng.random() < 0.4 else p.nationality
        return self.chance(0.85, phone_number(self.rng, country))

    # -- C. Arrival and dwelling --------------------------------------------------------
    def answer_new_address(self, p, item):
        return p.address

    def answer_move_in_date(self, p, item):
        p.moved_in = p.today - self.days(0, 21)
        return p.moved_in.isoformat()

    def answer_residence_type(self, p, item):
        p.residence_type = _weighted(self.rng, [("sole", 85), ("main", 12), ("secondary", 3)])
        return p.residence_type

    def answer_other_german_dwellings(self, p, item):
        return self.chance(0.7, p.residence_type != "sole")

    def answer_last_address_abroad(self, p, item):
        rng = self.rng
        if p.locale == "bg_BG":
            street = f"ul. {self.people.name('bg_BG', 'male')[1]} {rng.randint(1, 90)}"
            postcode = _digits(rng, "####")
        else:
            fake = self.people.fakers[p.locale]
            street, postcode = fake.street_address().replace("\n", ", "), fake.postcode()
        town = self.people.town(p.locale)
        return self.chance(0.75, f"{street}, {postcode} {town}"[:500])

    def answer_last_country_abroad(self, p, item):
        return self.chance(0.75, p.nationality)

    def answer_last_german_address(self, p, item):
        if self.rng.random() < 0.1:
            return self.people.german_address(EARLIER_GERMAN_TOWNS)
        return None

    def answer_arrival_date(self, p, item):
        moved_in = p.moved_in or p.today
        return self.chance(0.8, (moved_in - self.days(0, 14)).isoformat())

    def answer_landlord_confirmation_present(self, p, item):
        return self.rng.random() < 0.85

    def answer_landlord_name(self, p, item):
        if p.housing_by_employer:
            return p.employer[0] if self.rng.random() < 0.6 else self.rng.choice(LANDLORDS)
        if self.rng.random() < 0.5:
            return self.rng.choice(LANDLORDS)
        fake = self.people.fakers["de_DE"]
        return f"{fake.first_name()} {fake.last_name()}"

    def answer_landlord_address(self, p, item):
        return self.people.german_address([(postcode, town) for postcode, town, _weight in TOWNS[:2]])

    def answer_owner_name(self, p, item):
        return self.chance(0.25, self.rng.choice(LANDLORDS))

    def answer_owner_address(self, p, item):
        return None

    def answer_housing_by_employer(self, p, item):
        return self.chance(0.9, p.housing_by_employer)

    def answer_adults_at_address(self, p, item):
        adults = 1 + (1 if p.spouse and p.spouse[2] else 0) + len(p.flatmates)
        if p.housing_by_employer:
            adults += self.rng.randint(0, 4)
        return self.chance(0.8, min(adults, 50))

    def answer_children_6_to_17_at_address(self, p, item):
        return self.chance(0.8, sum(1 for c in p.children if c[4] and 6 * 365 <= (p.today - c[2]).days < 18 * 365))

    def answer_children_under_6_at_address(self, p, item):
        return self.chance(0.8, sum(1 for c in p.children if c[4] and (p.today - c[2]).days < 6 * 365))

    def answer_flat_size_sqm(self, p, item):
        size = self.rng.randint(28, 110)
        return self.chance(0.6, size if self.rng.random() < 0.9 else size + 0.5)

    # -- D. Household -------------------------------------------------------------------
    def answer_marital_status(self, p, item):
        return p.marital_status

    def answer_marital_status_date(self, p, item):
        adult = p.birth_date + datetime.timedelta(days=18 * 365 + 5)
        span = max(1, (p.today - adult).days)
        return self.chance(0.7, (adult + datetime.timedelta(days=self.rng.randint(0, span - 1))).isoformat())

    def answer_marital_status_place(self, p, item):
        return self.chance(0.6, p.birth_place)

    def answer_marital_status_country(self, p, item):
        return self.chance(0.7, p.nationality)

    def answer_spouse_name(self, p, item):
        return p.spouse[0] if p.spouse else None

    def answer_spouse_birth_date(self, p, item):
        return self.chance(0.7, p.spouse[1].isoformat()) if p.spouse else None

    def answer_has_minor_children(self, p, item):
        return True if p.children else self.chance(0.9, False)

    def answer_children(self, p, item):
        return [
            {"child_name": f"{first} {surname}", "child_birth_date": born.isoformat(), "child_sex": sex}
            for first, surname, born, sex, _here in p.children
        ]

    def answer_school_age_children_enrolled(self, p, item):
        school_age = [c for c in p.children if c[4] and 6 * 365 <= (p.today - c[2]).days < 18 * 365]
        return self.chance(0.8, self.rng.random() < 0.4) if school_age else None

    def answer_legal_representative(self, p, item):
        return None  # adults only

    def answer_household_members(self, p, item):
        members = []
        if p.spouse and p.spouse[2]:
            name, born, _here = p.spouse
            members.append(
                {"member_name": name, "member_birth_date": born.isoformat(), "member_relationship": "partner"}
            )
        members += [{"member_name": name, "member_relationship": "flatmate"} for name in p.flatmates]
        return members or None

    # -- E. Purpose of stay ---------------------------------------------------------------
    def answer_stay_category(self, p, item):
        return p.stay_category

    def answer_employer_name(self, p, item):
        if p.stay_category == "service_provider":
            return self.rng.choice(SERVICE_PROVIDERS)
        return p.employer[0]

    def answer_work_site(self, p, item):
        return self.chance(0.8, p.employer[1])

    def answer_employment_start_date(self, p, item):
        return self.chance(0.85, (p.today + datetime.timedelta(days=self.rng.randint(-30, 14))).isoformat())

    def answer_hours_per_week(self, p, item):
        return self.chance(0.8, _weighted(self.rng, [(40, 60), (38.5, 10), (35, 10), (30, 10), (20, 5), (45, 5)]))

    def answer_family_relationship(self, p, item):
        return _weighted(
            self.rng, [("spouse", 60), ("child_under_21", 20), ("dependent_ascendant", 10)] + [("close_person", 10)]
        )

    def answer_evidence_shown(self, p, item):
        rng = self.rng
        if rng.random() < 0.15:
            return None
        if rng.random() < 0.1:
            return ["none"]
        shown = [rng.choice(EVIDENCE[p.stay_category])]
        if rng.random() < 0.3 and "health_insurance_proof" not in shown:
            shown.append("health_insurance_proof")
        return shown

    def answer_evidence_date(self, p, item):
        return self.chance(0.8, p.today.isoformat())

    def answer_health_insurance(self, p, item):
        if p.stay_category in ("worker", "service_provider") or self.rng.random() < 0.3:
            choice = "statutory_job"
        else:
            choice = _weighted(self.rng, [("ehic", 60), ("private", 15), ("none", 25)])
        return self.chance(0.9, choice)

    def answer_sufficient_means(self, p, item):
        return self.rng.random() < 0.8

    # -- F. Counselling -------------------------------------------------------------------
    def answer_counselling_topics(self, p, item):
        rng = self.rng
        weights = {"labour_rights": 0.5, "health_insurance": 0.4, "language_course": 0.4, "housing": 0.2}
        weights.update(debts=0.05, school_nursery=0.9 if p.children else 0.02)
        p.topics = [topic for topic, chance in weights.items() if rng.random() < chance]
        return self.chance(0.85, p.topics or None)

    def answer_materials_handed_out(self, p, item):
        topics = p.topics
        return self.chance(0.9, ["arrival_folder"] + [LEAFLETS[t] for t in topics if self.rng.random() < 0.6])

    def answer_materials_language(self, p, item):
        return p.language

    def answer_referred_to(self, p, item):
        rng = self.rng
        referred = [REFERRALS[t] for t in p.topics if t in REFERRALS and rng.random() < 0.3]
        if rng.random() < 0.25:
            referred.append("case_management")
        if p.stay_category == "job_seeker" and rng.random() < 0.6:
            referred.append("jobcenter")
        return referred or None

    def answer_health_notes_consent(self, p, item):
        return self.chance(0.6, self.rng.random() < 0.1)

    def answer_health_notes(self, p, item):
        return self.rng.choice(HEALTH_NOTES)

    # -- G. Release -------------------------------------------------------------------------
    def answer_buergerbuero_appointment_date(self, p, item):
        return p.follow_up.isoformat() if p.follow_up else None


def fits(item, value, today):
    """Whether ``value`` is what the form would store for ``item`` (type and rules), checked cheaply."""
    kind = item["type"]
    if kind in TEXT_LIMITS:
        if not isinstance(value, str) or not value or value != value.strip():
            return False
        if not (item.get("min_length") or 0) <= len(value) <= (item.get("max_length") or TEXT_LIMITS[kind]):
            return False
        if item.get("pattern") and not answer_matches(item["pattern"], value):
            return False
        if kind == "email":
            return EMAIL.match(value) is not None
        return kind != "phone" or PHONE.match(value) is not None
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            return False
        return (item.get("min") is None or value >= item["min"]) and (item.get("max") is None or value <= item["max"])
    if kind == "date":
        try:
            day = datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            return False
        rule = item.get("date")
        broken = {"past": day >= today, "not_future": day > today, "future": day <= today, "not_past": day < today}
        return not broken.get(rule, False)
    if kind == "yes_no":
        return isinstance(value, bool)
    if kind == "choice":
        return value in {option["value"] for option in item.get("options", [])}
    if kind == "multi_choice":
        allowed = {option["value"] for option in item.get("options", [])}
        return isinstance(value, list) and bool(value) and len(set(value)) == len(value) and set(value) <= allowed
    if kind == "country":
        return value in COUNTRY_CODES
    if kind == "nationality":
        return isinstance(value, list) and bool(value) and len(set(value)) == len(value) and set(value) <= COUNTRY_CODES
    if kind == "language":
        return value in LANGUAGES
    if kind == "address":
        return (
            isinstance(value, dict)
            and tuple(value) == ADDRESS_PARTS
            and all(isinstance(value[part], str) and value[part] == value[part].strip() for part in ADDRESS_PARTS)
            and all(value[part] for part in ("street", "number", "postcode", "town"))
            and POSTCODE.match(value["postcode"]) is not None
        )
    return False


# -- the story of a case: status changes and certificates --------------------------------
@dataclass
class Story:
    created_at: datetime.datetime
    appointment_at: datetime.datetime
    booked: bool
    status: str = S.OPEN
    changes: list = field(default_factory=list)  # (from, to, at, reason)
    certificates: list = field(default_factory=list)  # dicts, oldest first
    recorded: str = NONE
    started: datetime.datetime | None = None
    answered_at: datetime.datetime | None = None
    follow_up: datetime.date | None = None

    def move(self, to, at, reason=""):
        self.changes.append((self.status, to, at, reason))
        self.status = to

    @property
    def last_change(self):
        return self.changes[-1][2] if self.changes else self.created_at


def plan_arrivals(rng, n, now):
    """``n`` (created, appointment, booked) triples over the past year, oldest first.

    Most people walk in during office hours and are interviewed at once; some
    are booked (by themselves or their employer) days ahead, at least a few for
    the next two weeks: those cases are still open.
    """
    today = timezone.localdate(now)
    days = [today - datetime.timedelta(days=d) for d in range(-14, 366)]
    office = [day for day in days if day.weekday() in OFFICE_WEEKDAYS]
    past_office = [day for day in office if day <= today]
    coming_office = [day for day in office if day > today]
    # Bookings for the coming two weeks, a few even in a small demo: people a clerk can interview now.
    arrivals = []
    for _ in range(min(n, max(UPCOMING_BOOKINGS, round(n * 0.006)))):
        appointment = _office_time(rng.choice(coming_office), rng.randrange(OFFICE_MINUTES))
        arrivals.append((now - _minutes(rng.randint(10, 10 * 24 * 60)), appointment, True))
    while len(arrivals) < n:
        booked = rng.random() < 0.15
        if booked:
            appointment = _office_time(rng.choice(office), rng.randrange(OFFICE_MINUTES))
            created = _at(appointment.date() - datetime.timedelta(days=rng.randint(1, 10)), rng.randint(8, 15))
            created += _minutes(rng.randrange(60))
        else:
            created = appointment = _office_time(rng.choice(past_office), rng.randrange(OFFICE_MINUTES))
        if created <= now:
            arrivals.append((created, appointment, booked))
    arrivals.sort(key=lambda arrival: arrival[0])
    return arrivals


def tell(rng, created_at, appointment_at, booked, now):
    """What happened to a case up to ``now``: every change follows ``TRANSITIONS``, none lies ahead."""
    story = Story(created_at, appointment_at, booked)
    if appointment_at > now:
        return story
    if booked:
        roll = rng.random()
        if roll < 0.28:
            at = appointment_at + _minutes(rng.randint(30, 120))
            if at <= now:
                story.move(S.DID_NOT_APPEAR, at, rng.choice(NO_SHOW))
            return story
        if roll < 0.31:
            at = max(created_at + _minutes(10), appointment_at - _minutes(rng.randint(120, 4000)))
            story.move(S.WITHDRAWN, at, rng.choice(CANCELLED))
            return story
    start = appointment_at + _minutes(rng.randint(0, 15) if booked else rng.randint(1, 10))
    if start > now:
        return story
    story.move(S.IN_INTERVIEW, start)
    story.started, story.recorded = start, DRAFT
    story.answered_at = min(now, start + _minutes(rng.randint(5, 20)))
    finished = start + _minutes(rng.randint(20, 55))
    recent = now - start < datetime.timedelta(days=14)
    if rng.random() < 0.03:
        at = start + _minutes(rng.randint(8, 20))
        if at <= now:
            story.move(S.WITHDRAWN, at, rng.choice(BROKEN_OFF))
            story.answered_at = at
        return story
    if finished > now or rng.random() < (0.2 if recent else 0.005):
        return story
    story.move(S.COMPLETE, finished)
    story.recorded, story.answered_at = FULL, finished
    story.follow_up = _next_weekday(finished.date() + datetime.timedelta(days=rng.choice((0, 0, 1, 2, 3, 5, 7, 9, 14))))
    if rng.random() < 0.012:
        at = finished + datetime.timedelta(days=rng.randint(1, 20), minutes=rng.randint(0, 400))
        if at <= now:
            story.move(S.WITHDRAWN, at, rng.choice(LEFT_LATER))
        return story
    released = finished + _minutes(rng.randint(2, 8))
    if released > now or rng.random() < (0.1 if recent else 0.02):
        return story
    story.certificates.append({"issued_at": released})
    story.move(S.RELEASED, released)
    if story.follow_up == released.date():
        registration = released + _minutes(rng.randint(30, 120))
    else:
        registration = _at(story.follow_up, 8, rng.randrange(450))
    window = (registration - released).total_seconds() / 60
    roll = rng.random()
    if roll < 0.02 and window > 30:
        at = released + _minutes(rng.uniform(10, window / 2))
        if at > now:
            return story
        story.certificates[-1].update(status=CertificateStatus.REVOKED, revoked_at=at, reason=rng.choice(REVOKED))
        story.move(S.COMPLETE, at, story.certificates[-1]["reason"])
        again = at + _minutes(rng.randint(5, 15))
        if again > now:
            return story
        story.certificates.append({"issued_at": again})
        story.move(S.RELEASED, again)
    elif roll < 0.05 and window > 30:
        at = released + _minutes(rng.uniform(10, window - 10))
        if at > now:
            return story
        story.certificates[-1].update(status=CertificateStatus.SUPERSEDED, superseded=True)
        story.certificates.append({"issued_at": at})
    if registration <= now and rng.random() < 0.92:
        story.move(S.REGISTERED, registration)
    return story


def _next_weekday(day):
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


# -- writing ---------------------------------------------------------------------------
@dataclass
class SeedReport:
    cases: int = 0
    answer_sets: int = 0
    answered_fields: int = 0
    status_changes: int = 0
    certificates: int = 0
    batches: int = 0
    seconds: float = 0.0
    seed: int | None = None
    statuses: Tally = field(default_factory=Tally)

    @property
    def rows(self):
        return self.cases + self.answer_sets + self.answered_fields + self.status_changes + self.certificates


def _reserve(needs):
    """``needs``: ``{(name, year): count}`` of yearly sequences; takes the numbers, returns the first of each.

    Three statements whatever the number of sequences; the counters are locked
    until the batch commits, so ``next_number`` (``open_case``) waits and then
    continues after the demo's numbers.
    """
    Sequence.objects.bulk_create([Sequence(name=name, year=year) for name, year in needs], ignore_conflicts=True)
    wanted = Q()
    for name, year in needs:
        wanted |= Q(name=name, year=year)
    counters = list(Sequence.objects.select_for_update().filter(wanted))
    first = {}
    for counter in counters:
        first[(counter.name, counter.year)] = counter.value + 1
        counter.value += needs[(counter.name, counter.year)]
    Sequence.objects.bulk_update(counters, ["value"])
    return first


def _insert(model, names, rows):
    """Plain rows into ``model``: multi-row INSERTs, no model instances.

    For the answered-field rows only (about 47 a case, 90 % of all rows):
    building a model instance per row was half of the seeding time. Chunked as
    ``bulk_create`` chunks (SQLite binds at most 999 parameters a statement).
    """
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) VALUES "
    row = f"({', '.join(['%s'] * len(fields))})"
    size = max(1, connection.ops.bulk_batch_size(fields, rows))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            cursor.execute(head + ", ".join([row] * len(chunk)), [value for values in chunk for value in values])


def _restamp(model, objects, names, rows):
    """Write ``rows`` (one tuple of values per object) into ``names``: one UPDATE, executed for many rows.

    ``bulk_create`` sets ``auto_now``/``auto_now_add`` fields to the current
    time whatever the object holds; the demo's times are written afterwards.
    """
    if not objects:
        return
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"
    params = []
    for obj, values in zip(objects, rows, strict=True):
        for f, value in zip(fields, values, strict=True):
            setattr(obj, f.attname, value)
        params.append([f.get_db_prep_save(v, connection) for f, v in zip(fields, values, strict=True)] + [obj.pk])
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


@dataclass
class Planned:
    """One case before it is written: the row, the person, what happened, the answers (``None``: none yet)."""

    case: Case
    person: Person
    story: Story
    answers: dict | None


def _number(planned):
    """Reserve the batch's case and certificate numbers; assign them in the order things happened."""
    local = timezone.localtime
    certificates = sorted(
        (cert for item in planned for cert in item.story.certificates), key=lambda cert: cert["issued_at"]
    )
    needs = Tally(("case", local(item.story.created_at).year) for item in planned)
    needs.update(("certificate", local(cert["issued_at"]).year) for cert in certificates)
    first = _reserve(needs)
    for item in planned:
        year = local(item.story.created_at).year
        item.case.year, item.case.number = year, first[("case", year)]
        item.case.reference = f"CS-{year}-{item.case.number:05d}"
        first[("case", year)] += 1
    for cert in certificates:
        year = local(cert["issued_at"]).year
        cert["number"] = f"FS-{year}-{first[('certificate', year)]:05d}"
        first[("certificate", year)] += 1


def _write_batch(planned, questionnaire, revision, report):
    """One transaction: numbers reserved, then every row of the batch in a few bulk statements per table."""
    with transaction.atomic():
        _number(planned)

        answered = [item for item in planned if item.answers is not None]
        answer_sets = AnswerSet.objects.bulk_create(
            AnswerSet(questionnaire=questionnaire, revision=revision, data=item.answers, language="de")
            for item in answered
        )
        _restamp(
            AnswerSet,
            answer_sets,
            ["created_at", "updated_at"],
            [(item.story.started, item.story.answered_at) for item in answered],
        )
        for item, answer_set in zip(answered, answer_sets, strict=True):
            item.case.answer_set = answer_set
        fields = [(answer_set.pk, key) for answer_set in answer_sets for key in sorted(answered_keys(answer_set.data))]
        _insert(AnsweredField, ["answer_set", "key"], fields)

        cases = Case.objects.bulk_create([item.case for item in planned])
        _restamp(
            Case,
            cases,
            ["created_at", "updated_at"],
            [
                (item.story.created_at, max(item.story.last_change, item.story.answered_at or item.story.created_at))
                for item in planned
            ],
        )

        changes, times = [], []
        for item in planned:
            for from_status, to_status, at, reason in item.story.changes:
                changes.append(
                    CaseStatusChange(case=item.case, from_status=from_status, to_status=to_status, reason=reason)
                )
                times.append((at,))
        CaseStatusChange.objects.bulk_create(changes)
        _restamp(CaseStatusChange, changes, ["changed_at"], times)

        certificates, stamps = [], []
        for item in planned:
            follow_up = _at(item.story.follow_up, 0) if item.story.follow_up else None
            for cert in item.story.certificates:
                cert["object"] = ReleaseCertificate(
                    case=item.case,
                    number=cert["number"],
                    verification_code=new_verification_code(),
                    holder_name=item.case.full_name,
                    holder_birth_date=item.case.birth_date,
                    status=cert.get("status", CertificateStatus.VALID),
                    language=item.case.language,
                    follow_up_appointment=follow_up,
                    revoked_at=cert.get("revoked_at"),
                    revoke_reason=cert.get("reason", ""),
                )
                certificates.append(cert["object"])
        ReleaseCertificate.objects.bulk_create(certificates)
        for item in planned:
            chain = item.story.certificates
            for index, cert in enumerate(chain):
                successor = chain[index + 1]["object"].pk if cert.get("superseded") else None
                stamps.append((cert["issued_at"], successor))
        _restamp(ReleaseCertificate, certificates, ["issued_at", "superseded_by"], stamps)
    report.cases += len(cases)
    report.answer_sets += len(answer_sets)
    report.answered_fields += len(fields)
    report.status_changes += len(changes)
    report.certificates += len(certificates)
    report.batches += 1
    report.statuses.update(str(case.status) for case in cases)


def seed_demo_cases(n, *, stdout=None, seed=None, batch_size=BATCH_SIZE):
    """Add ``n`` demo cases (seeding again adds more); returns a ``SeedReport``.

    Raises ``DemoUnavailable`` when the first-interview questionnaire is not
    published (``manage.py bootstrap`` publishes it). The same ``seed`` gives
    the same people and stories (not the same numbers or verification codes).
    """
    started = time.perf_counter()
    try:
        questionnaire, revision, definition = published(QUESTIONNAIRE)
    except Http404 as error:
        raise DemoUnavailable(
            f"The questionnaire {QUESTIONNAIRE!r} is not published yet; run `manage.py bootstrap` first."
        ) from error
    seed = random.SystemRandom().randrange(2**32) if seed is None else seed
    rng = random.Random(seed)
    now = timezone.now()
    people = People(rng, n)
    maker = AnswerMaker(definition, people)
    drafts = max(1, len(definition.get("sections", [])) - 1)
    report = SeedReport(seed=seed)
    arrivals = plan_arrivals(rng, n, now)
    # The demo's clerks, when there are any, so the clerk filter and "my cases" have something to show.
    clerks = list(get_user_model().objects.filter(groups__name=roles.CLERK, is_active=True).order_by("pk")[:MAX_CLERKS])
    for offset in range(0, n, batch_size):
        planned = []
        for created_at, appointment_at, booked in arrivals[offset : offset + batch_size]:
            story = tell(rng, created_at, appointment_at, booked, now)
            person = people.person(timezone.localdate(story.started or appointment_at), follow_up=story.follow_up)
            clerk = rng.choice(clerks) if clerks and story.recorded != NONE else None
            if clerk is not None:
                person.clerk = clerk.get_full_name() or clerk.get_username()
            answers = None
            if story.recorded == FULL:
                answers = maker.answers(person)
            elif story.recorded == DRAFT:
                answers = maker.answers(person, sections=rng.randint(1, drafts))
            case = Case(
                surname=person.surname,
                first_names=person.first_names,
                birth_date=person.birth_date,
                nationality=person.nationality,
                language=person.language if answers is not None or rng.random() < 0.7 else "",
                status=story.status,
                source_kind=SOURCE,
                status_changed_at=story.last_change,
                assigned_clerk=clerk,
            )
            planned.append(Planned(case, person, story, answers))
        _write_batch(planned, questionnaire, revision, report)
        if stdout is not None and n > batch_size:
            stdout.write(f"  {report.cases}/{n} cases")
    with transaction.atomic():
        audit.record(
            "demo.seed",
            None,
            None,
            cases=report.cases,
            certificates=report.certificates,
            seed=seed,
            statuses=dict(report.statuses),
        )
    report.seconds = time.perf_counter() - started
    if stdout is not None:
        stdout.write(
            f"Seeded {report.cases} cases in {report.seconds:.1f} s "
            f"({report.rows} rows in {report.batches} batches, seed {seed})."
        )
    return report


BOOTSTRAP_CASES = 240  # enough to fill every list, filter and status on a fresh `make run`


def seed_demo_once(stdout):
    """``bootstrap --demo``: seed a few demo cases the first time only, so bootstrapping stays idempotent."""
    existing = Case.objects.filter(source_kind=SOURCE).count()
    if existing:
        stdout.write(f"Demo cases exist: {existing} (none added).")
        return
    seed_demo_cases(BOOTSTRAP_CASES, stdout=stdout)
