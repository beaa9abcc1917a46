"""The town's invented arrivals: who they are, where they live and work.

Faker (ro_RO, bg_BG, pl_PL, hu_HU, hr_HR) in the nationality mix Weißenfels
reported (55 % Romanian, 31 % Bulgarian, 9 % Polish); names in Latin script, as
a passport's machine-readable zone gives them. Places are real, companies and
landlords invented. A ``Person`` decides the facts that belong together once
(a spouse, children, employer housing), so every answer about them agrees.
"""

import datetime
from dataclasses import dataclass, field

from faker import Faker

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


def weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def to_latin(text):
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


def digits(rng, pattern):
    return "".join(str(rng.randrange(10)) if ch == "#" else ch for ch in pattern)


def letters(rng, count):
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
        return to_latin(first), to_latin(surname)

    def first_name(self, locale, sex):
        fake = self.fakers[locale]
        return to_latin(fake.first_name_female() if sex == "female" else fake.first_name_male())

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
        stay = weighted(rng, STAY_CATEGORIES)
        employer = weighted(rng, [(e, e[2]) for e in EMPLOYERS])
        housing_by_employer = stay == "worker" and rng.random() < 0.55
        address = rng.choice(self.employer_housing if housing_by_employer else self.addresses)
        status = weighted(
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
            language=weighted(rng, languages),
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
