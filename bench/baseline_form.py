"""The ``erstgespraech`` questionnaire as a hand-written Django form: the baseline of ``bench/engine.py``.

Generated once by ``bench/make_baseline_form.py`` from the shipped definition (see its docstring);
regenerate rather than edit. Conditions are left out: a question the engine requires only when
it is shown is optional here.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.text import EmailField, TextField
from questionnaires.form_fields import PHONE, AddressField, DateRuleField, FiniteFloatField
from questionnaires.patterns import PatternValidator

EU_EEA_CH = set("AT BE BG CH CY CZ DE DK EE ES FI FR GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK".split())
COUNTRY_CHOICES = [
    (_("EU, EEA, Switzerland"), [c for c in countries if c.code in EU_EEA_CH]),
    (_("Other states"), [c for c in countries if c.code not in EU_EEA_CH]),
]
LANGUAGE_CHOICES = [
    ("sq", _("Albanian")),
    ("ar", _("Arabic")),
    ("bs", _("Bosnian")),
    ("bg", _("Bulgarian")),
    ("de", _("German")),
    ("da", _("Danish")),
    ("en", _("English")),
    ("et", _("Estonian")),
    ("fi", _("Finnish")),
    ("fr", _("French")),
    ("el", _("Greek")),
    ("it", _("Italian")),
    ("hr", _("Croatian")),
    ("lv", _("Latvian")),
    ("lt", _("Lithuanian")),
    ("mk", _("Macedonian")),
    ("nl", _("Dutch")),
    ("fa", _("Persian")),
    ("pl", _("Polish")),
    ("pt", _("Portuguese")),
    ("ro", _("Romanian")),
    ("ru", _("Russian")),
    ("sv", _("Swedish")),
    ("sr", _("Serbian")),
    ("sk", _("Slovak")),
    ("sl", _("Slovenian")),
    ("es", _("Spanish")),
    ("cs", _("Czech")),
    ("tr", _("Turkish")),
    ("uk", _("Ukrainian")),
    ("hu", _("Hungarian")),
]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def yes(value):
    return value == "yes"


class ChildrenForm(forms.Form):
    """One entry of „Minderjährige Kinder“."""

    child_name = TextField(
        label="Familienname und Vornamen des Kindes",
        required=True,
        max_length=200,
    )
    child_birth_date = DateRuleField(
        label="Geburtsdatum des Kindes",
        required=True,
        rule="past",
    )
    child_sex = forms.ChoiceField(
        label="Geschlecht des Kindes",
        required=False,
        choices=[
            ("female", "weiblich"),
            ("male", "männlich"),
            ("diverse", "divers"),
            ("not_specified", "ohne Angabe"),
        ],
        widget=forms.RadioSelect,
    )


ChildrenFormSet = forms.formset_factory(
    ChildrenForm,
    extra=1,
    min_num=1,
    max_num=12,
    validate_max=True,
    can_delete=True,
)


class HouseholdMembersForm(forms.Form):
    """One entry of „Weitere mit einziehende Personen“."""

    member_name = TextField(
        label="Familienname und Vornamen",
        required=True,
        max_length=200,
    )
    member_birth_date = DateRuleField(
        label="Geburtsdatum der Person",
        required=False,
        rule="past",
    )
    member_relationship = forms.ChoiceField(
        label="Verhältnis zur anmeldenden Person",
        required=False,
        choices=[
            ("partner", "Partner/in (nicht verheiratet)"),
            ("relative", "Verwandte/r"),
            ("flatmate", "Mitbewohner/in"),
            ("other", "sonstige"),
        ],
        widget=forms.RadioSelect,
    )


HouseholdMembersFormSet = forms.formset_factory(
    HouseholdMembersForm,
    extra=1,
    min_num=0,
    max_num=20,
    validate_max=True,
    can_delete=True,
)


class ErstgespraechForm(forms.Form):
    """Erstgespräch."""

    # A. Verfahren
    appointment_date = DateRuleField(
        label="Termin in der Clearingstelle",
        required=False,
        rule=None,
    )
    interview_language = forms.ChoiceField(
        label="Gesprächssprache",
        required=True,
        choices=[("", "—"), *LANGUAGE_CHOICES],
    )
    interpreter_present = forms.TypedChoiceField(
        label="Dolmetscher/in hinzugezogen",
        required=False,
        choices=YES_NO,
        coerce=yes,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    staff_member = TextField(
        label="Sachbearbeiter/in",
        required=True,
        max_length=100,
    )
    privacy_notice_handed_over = forms.TypedChoiceField(
        label="Datenschutzhinweise ausgehändigt",
        required=True,
        choices=YES_NO,
        coerce=yes,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    privacy_notice_version = TextField(
        label="Version der Datenschutzhinweise",
        required=False,
        max_length=50,
    )
    privacy_notice_language = forms.ChoiceField(
        label="Sprache der Datenschutzhinweise",
        required=False,
        choices=[("", "—"), *LANGUAGE_CHOICES],
    )

    # B. Identität
    surname = TextField(
        label="Familienname",
        help_text="wie im Ausweis",
        required=True,
        max_length=100,
    )
    birth_names = TextField(
        label="Geburtsname / frühere Namen",
        required=False,
        max_length=200,
    )
    first_names = TextField(
        label="Vornamen",
        required=True,
        max_length=200,
    )
    date_of_birth = DateRuleField(
        label="Geburtsdatum",
        required=True,
        rule="past",
    )
    place_of_birth = TextField(
        label="Geburtsort",
        required=True,
        max_length=100,
    )
    country_of_birth = forms.ChoiceField(
        label="Geburtsstaat",
        required=True,
        choices=[("", "—"), *COUNTRY_CHOICES],
    )
    sex = forms.ChoiceField(
        label="Geschlecht",
        required=True,
        choices=[
            ("female", "weiblich"),
            ("male", "männlich"),
            ("diverse", "divers"),
            ("not_specified", "ohne Angabe"),
        ],
        widget=forms.RadioSelect,
    )
    nationalities = forms.MultipleChoiceField(
        label="Staatsangehörigkeiten",
        help_text="alle Staatsangehörigkeiten angeben",
        required=True,
        choices=COUNTRY_CHOICES,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    document_type = forms.ChoiceField(
        label="Art des Ausweisdokuments",
        required=True,
        choices=[
            ("id_card", "Personalausweis / Identitätskarte"),
            ("passport", "Reisepass"),
            ("other", "anderes Passersatzpapier"),
        ],
        widget=forms.RadioSelect,
    )
    document_serial_number = TextField(
        label="Seriennummer",
        help_text="Großbuchstaben und Ziffern, ohne Leerzeichen",
        required=True,
        max_length=255,
        validators=[PatternValidator("^[A-Z0-9]{5,20}$", "5 bis 20 Großbuchstaben oder Ziffern, ohne Leerzeichen")],
    )
    document_issuing_authority = TextField(
        label="Ausstellende Behörde",
        required=False,
        max_length=200,
    )
    document_issue_date = DateRuleField(
        label="Ausstellungsdatum",
        required=False,
        rule="not_future",
    )
    document_expiry_date = DateRuleField(
        label="Gültig bis",
        required=False,
        rule=None,
    )
    contact_email = EmailField(
        label="E-Mail-Adresse",
        required=False,
        max_length=254,
    )
    contact_phone = forms.CharField(
        label="Telefonnummer",
        required=False,
        max_length=30,
        validators=[PHONE],
    )

    # C. Ankunft und Wohnung
    new_address = AddressField(
        label="Anschrift der neuen Wohnung",
        help_text="mit Stockwerk und Wohnungsnummer",
        required=True,
    )
    move_in_date = DateRuleField(
        label="Einzugsdatum",
        required=True,
        rule=None,
    )
    residence_type = forms.ChoiceField(
        label="Art der Wohnung",
        required=True,
        choices=[
            ("sole", "alleinige Wohnung"),
            ("main", "Hauptwohnung"),
            ("secondary", "Nebenwohnung"),
        ],
        widget=forms.RadioSelect,
    )
    other_german_dwellings = forms.TypedChoiceField(
        label="Weitere Wohnungen in Deutschland",
        required=False,
        choices=YES_NO,
        coerce=yes,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    last_address_abroad = TextField(
        label="Letzte Anschrift im Ausland",
        required=False,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=500,
    )
    last_country_abroad = forms.ChoiceField(
        label="Staat des letzten Wohnorts im Ausland",
        required=False,
        choices=[("", "—"), *COUNTRY_CHOICES],
    )
    last_german_address = AddressField(
        label="Letzte Anschrift in Deutschland (falls vorhanden)",
        required=False,
    )
    arrival_date = DateRuleField(
        label="Datum des Zuzugs aus dem Ausland",
        required=False,
        rule="not_future",
    )
    landlord_confirmation_present = forms.TypedChoiceField(
        label="Wohnungsgeberbestätigung liegt vor",
        required=True,
        choices=YES_NO,
        coerce=yes,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    landlord_name = TextField(
        label="Name des Wohnungsgebers",
        required=False,
        max_length=200,
    )
    landlord_address = AddressField(
        label="Anschrift des Wohnungsgebers",
        required=False,
    )
    owner_name = TextField(
        label="Name des Eigentümers (falls nicht Wohnungsgeber)",
        required=False,
        max_length=200,
    )
    owner_address = AddressField(
        label="Anschrift des Eigentümers (falls nicht Wohnungsgeber)",
        required=False,
    )
    housing_by_employer = forms.TypedChoiceField(
        label="Wohnung durch Arbeitgeber oder Vermittler gestellt",
        required=False,
        choices=YES_NO,
        coerce=yes,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    adults_at_address = FiniteFloatField(
        label="Anzahl der Erwachsenen in der Wohnung",
        help_text="alle Bewohner/innen ab 18 Jahren, einschließlich der anmeldenden Person",
        required=False,
        min_value=0,
        max_value=50,
    )
    children_6_to_17_at_address = FiniteFloatField(
        label="Anzahl der Kinder von 6 bis 17 Jahren in der Wohnung",
        required=False,
        min_value=0,
        max_value=50,
    )
    children_under_6_at_address = FiniteFloatField(
        label="Anzahl der Kinder unter 6 Jahren in der Wohnung",
        required=False,
        min_value=0,
        max_value=50,
    )
    flat_size_sqm = FiniteFloatField(
        label="Wohnfläche in m²",
        required=False,
        min_value=1,
        max_value=1000,
    )

    # D. Haushalt
    marital_status = forms.ChoiceField(
        label="Familienstand",
        required=True,
        choices=[
            ("", "—"),
            ("single", "ledig"),
            ("married", "verheiratet"),
            ("civil_partnership", "in eingetragener Lebenspartnerschaft"),
            ("divorced", "geschieden"),
            ("widowed", "verwitwet"),
            ("partnership_dissolved", "Lebenspartnerschaft aufgehoben"),
            ("partner_deceased", "Lebenspartner/in verstorben"),
            ("unknown", "unbekannt"),
        ],
    )
    marital_status_date = DateRuleField(
        label="Datum des Familienstands (z. B. der Eheschließung)",
        required=False,
        rule="not_future",
    )
    marital_status_place = TextField(
        label="Ort (z. B. der Eheschließung)",
        required=False,
        max_length=100,
    )
    marital_status_country = forms.ChoiceField(
        label="Staat (z. B. der Eheschließung)",
        required=False,
        choices=[("", "—"), *COUNTRY_CHOICES],
    )
    spouse_name = TextField(
        label="Ehegatte/Ehegattin bzw. Lebenspartner/in (Familienname, Vornamen)",
        required=False,
        max_length=200,
    )
    spouse_birth_date = DateRuleField(
        label="Geburtsdatum Ehegatte/Ehegattin bzw. Lebenspartner/in",
        required=False,
        rule="past",
    )
    has_minor_children = forms.TypedChoiceField(
        label="Haben Sie minderjährige Kinder?",
        required=False,
        choices=YES_NO,
        coerce=yes,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    # children: ChildrenFormSet below
    school_age_children_enrolled = forms.TypedChoiceField(
        label="Sind schulpflichtige Kinder an einer Schule angemeldet?",
        required=False,
        choices=YES_NO,
        coerce=yes,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    legal_representative = TextField(
        label="Gesetzliche Vertretung (Name, Anschrift)",
        help_text="nur bei minderjährigen oder betreuten Personen",
        required=False,
        max_length=255,
    )
    # household_members: HouseholdMembersFormSet below

    # E. Aufenthaltszweck
    stay_category = forms.ChoiceField(
        label="Geltend gemachter Freizügigkeitsgrund",
        required=True,
        choices=[
            ("", "—"),
            ("worker", "Arbeitnehmer/in oder Auszubildende/r (§ 2 Abs. 2 Nr. 1)"),
            ("job_seeker", "Arbeitsuchende/r (§ 2 Abs. 2 Nr. 1a)"),
            ("self_employed", "selbständig Erwerbstätige/r (§ 2 Abs. 2 Nr. 2)"),
            ("service_provider", "Erbringer/in von Dienstleistungen (§ 2 Abs. 2 Nr. 3)"),
            ("service_recipient", "Empfänger/in von Dienstleistungen (§ 2 Abs. 2 Nr. 4)"),
            ("non_active", "nicht Erwerbstätige/r (§ 2 Abs. 2 Nr. 5, § 4)"),
            ("family_member", "Familienangehörige/r (§ 2 Abs. 2 Nr. 6, §§ 3, 4)"),
            ("permanent_resident", "Daueraufenthaltsberechtigte/r (§ 2 Abs. 2 Nr. 7, § 4a)"),
        ],
    )
    employer_name = TextField(
        label="Arbeitgeber (Name)",
        required=False,
        max_length=200,
    )
    work_site = TextField(
        label="Tatsächlicher Arbeitsort",
        required=False,
        max_length=200,
    )
    employment_start_date = DateRuleField(
        label="Beginn der Beschäftigung",
        required=False,
        rule=None,
    )
    hours_per_week = FiniteFloatField(
        label="Wochenarbeitszeit in Stunden",
        required=False,
        min_value=1,
        max_value=60,
    )
    family_relationship = forms.ChoiceField(
        label="Verhältnis zur/zum Unionsbürger/in",
        required=False,
        choices=[
            ("spouse", "Ehegatte/Ehegattin"),
            ("civil_partner", "Lebenspartner/in"),
            ("child_under_21", "Kind unter 21 Jahren"),
            ("dependent_child", "Kind ab 21 Jahren, dem Unterhalt gewährt wird"),
            ("dependent_ascendant", "Verwandte/r in aufsteigender Linie, dem Unterhalt gewährt wird"),
            ("close_person", "nahestehende Person (§ 3a)"),
        ],
        widget=forms.RadioSelect,
    )
    evidence_shown = forms.MultipleChoiceField(
        label="Vorgelegte Nachweise (Art)",
        required=False,
        choices=[
            ("hiring_confirmation", "Einstellungsbestätigung oder Arbeitsvertrag"),
            ("employment_certificate", "Beschäftigungsbescheinigung"),
            ("self_employment_proof", "Nachweis der selbständigen Tätigkeit (z. B. Gewerbeanmeldung)"),
            ("service_proof", "Nachweis der Dienstleistung (z. B. Entsendebescheinigung A1)"),
            ("job_search_proof", "Nachweis der Arbeitsuche"),
            ("health_insurance_proof", "Nachweis des Krankenversicherungsschutzes"),
            ("means_proof", "Nachweis ausreichender Existenzmittel"),
            ("relationship_proof", "Nachweis des Familienverhältnisses"),
            ("eu_citizen_registration", "Meldebestätigung der/des Unionsbürgers/in"),
            ("residence_card", "Aufenthaltskarte für Familienangehörige"),
            ("residence_period_proof", "Nachweis fünfjährigen rechtmäßigen Aufenthalts"),
            ("none", "keine Nachweise vorgelegt"),
        ],
        widget=forms.CheckboxSelectMultiple,
    )
    evidence_date = DateRuleField(
        label="Datum der Vorlage der Nachweise",
        required=False,
        rule="not_future",
    )
    health_insurance = forms.ChoiceField(
        label="Krankenversicherung",
        required=False,
        choices=[
            ("statutory_job", "gesetzlich versichert über die Beschäftigung"),
            ("ehic", "Europäische Krankenversicherungskarte (EHIC)"),
            ("private", "privat versichert"),
            ("none", "keine Krankenversicherung"),
        ],
        widget=forms.RadioSelect,
    )
    sufficient_means = forms.TypedChoiceField(
        label="Ausreichende Existenzmittel nachgewiesen",
        required=False,
        choices=YES_NO,
        coerce=yes,
        empty_value=None,
        widget=forms.RadioSelect,
    )

    # F. Beratung
    counselling_topics = forms.MultipleChoiceField(
        label="Beratungsthemen",
        required=False,
        choices=[
            ("labour_rights", "Arbeitsrechte"),
            ("health_insurance", "Krankenversicherung"),
            ("school_nursery", "Schule und Kita"),
            ("language_course", "Sprachkurs"),
            ("housing", "Wohnen"),
            ("debts", "Schulden"),
        ],
        widget=forms.CheckboxSelectMultiple,
    )
    materials_handed_out = forms.MultipleChoiceField(
        label="Ausgehändigtes Informationsmaterial",
        required=False,
        choices=[
            ("arrival_folder", "Ankommensmappe der Stadt"),
            ("labour_rights_leaflet", "Merkblatt Arbeitsrechte"),
            ("health_insurance_leaflet", "Merkblatt Krankenversicherung"),
            ("school_nursery_leaflet", "Merkblatt Schule und Kita"),
            ("language_course_leaflet", "Übersicht Sprachkurse"),
            ("housing_leaflet", "Merkblatt Wohnen"),
            ("debt_counselling_leaflet", "Merkblatt Schuldnerberatung"),
        ],
        widget=forms.CheckboxSelectMultiple,
    )
    materials_language = forms.ChoiceField(
        label="Sprache des Informationsmaterials",
        required=False,
        choices=[("", "—"), *LANGUAGE_CHOICES],
    )
    referred_to = forms.MultipleChoiceField(
        label="Verwiesen an",
        required=False,
        choices=[
            ("case_management", "Fallmanagement (Landkreis, Integration)"),
            ("labour_rights_counselling", "Beratung zu Arbeitsrechten"),
            ("migration_counselling", "Migrationsberatung"),
            ("jobcenter", "Jobcenter"),
            ("health_office", "Gesundheitsamt"),
            ("school_office", "Schulamt"),
            ("youth_welfare", "Jugendamt"),
            ("language_course_provider", "Sprachkursträger"),
            ("debt_counselling", "Schuldnerberatung"),
            ("housing_office", "Wohnungsamt"),
        ],
        widget=forms.CheckboxSelectMultiple,
    )
    health_notes_consent = forms.TypedChoiceField(
        label="Einwilligung in die Erfassung von Gesundheitsangaben",
        required=False,
        choices=YES_NO,
        coerce=yes,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    health_notes = TextField(
        label="Hinweise zur Gesundheit",
        help_text="nur für das Fallmanagement sichtbar",
        required=False,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )

    # G. Freigabe
    buergerbuero_appointment_date = DateRuleField(
        label="Folgetermin im Bürgerbüro",
        required=False,
        rule="not_past",
    )


FORMSETS = {"children": ChildrenFormSet, "household_members": HouseholdMembersFormSet}
