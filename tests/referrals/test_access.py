"""Each partner role sees and downloads only its own recipient's handovers, also by guessing URLs."""

import pytest
from django.urls import reverse

from core import roles
from core.models import AuditEntry
from plugins.referrals.handover import build_handover
from plugins.referrals.models import HandoverDownload

pytestmark = pytest.mark.django_db

PARTNERS = {
    "buergerbuero": roles.CITIZENS_OFFICE,
    "auslaenderbehoerde": roles.FOREIGNERS_AUTHORITY,
    "wohnraumkontrolle": roles.HOUSING_INSPECTION,
    "case-management": roles.CASE_MANAGER,
}


@pytest.fixture
def handovers(released_cases, recipient):
    released_cases(20)
    return {slug: build_handover(recipient(slug)) for slug in PARTNERS}


@pytest.mark.parametrize("slug", list(PARTNERS))
def test_a_role_lists_and_downloads_only_its_own(slug, handovers, make_user, client, django_assert_max_num_queries):
    user = make_user(f"user-{slug}", PARTNERS[slug])
    client.force_login(user)
    with django_assert_max_num_queries(30):
        listing = client.get(reverse("referrals_handover:index"))
    assert listing.status_code == 200
    listed = listing.context["object_list"]
    assert [handover.recipient.slug for handover in listed] == [slug]
    own = client.get(reverse("referrals_handover:download", args=[handovers[slug].pk]))
    assert own.status_code == 200
    assert b"".join(own.streaming_content)
    assert HandoverDownload.objects.filter(handover=handovers[slug], user=user).exists()
    assert AuditEntry.objects.filter(action="referrals.download", actor=user).exists()
    for other, handover in handovers.items():
        if other == slug:
            continue
        for name in ("download", "schema", "acknowledge"):
            method = client.post if name == "acknowledge" else client.get
            assert method(reverse(f"referrals_handover:{name}", args=[handover.pk])).status_code in (403, 404)


def test_the_administrator_manages_but_does_not_read_the_files(handovers, make_user, client):
    admin = make_user("configurer", roles.ADMINISTRATOR)
    client.force_login(admin)
    listing = client.get(reverse("referrals_handover:index"))
    assert len(listing.context["object_list"]) == len(PARTNERS)
    handover = handovers["buergerbuero"]
    assert client.get(reverse("referrals_handover:download", args=[handover.pk])).status_code == 403
    assert client.post(reverse("referrals_handover:resend", args=[handover.pk])).status_code == 302


def test_a_partner_cannot_resend(handovers, make_user, client):
    client.force_login(make_user("office", roles.CITIZENS_OFFICE))
    handover = handovers["buergerbuero"]
    assert client.post(reverse("referrals_handover:resend", args=[handover.pk])).status_code == 403


def test_the_recipient_acknowledges_receipt(handovers, make_user, client):
    client.force_login(make_user("office", roles.CITIZENS_OFFICE))
    handover = handovers["buergerbuero"]
    assert client.post(reverse("referrals_handover:acknowledge", args=[handover.pk])).status_code == 302
    handover.refresh_from_db()
    assert handover.status == "acknowledged" and handover.acknowledged_at


def test_who_got_what(handovers, make_user, client):
    client.force_login(make_user("dpo", roles.DATA_PROTECTION))
    reference = handovers["buergerbuero"].items.first().case_reference
    page = client.get(reverse("referrals_who_got_what"), {"reference": reference})
    assert page.status_code == 200
    slugs = {item.recipient.slug for item in page.context["items"]}
    assert {"buergerbuero", "auslaenderbehoerde", "case-management"} <= slugs
    assert AuditEntry.objects.filter(action="referrals.who_got_what", details__case=reference).exists()
    client.force_login(make_user("office", roles.CITIZENS_OFFICE))
    assert client.get(reverse("referrals_who_got_what"), {"reference": reference}).status_code == 403
