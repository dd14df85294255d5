"""The review workflow: an Editor's change to a published page waits for a Publisher,
who approves it (now or at a time) or sends it back with a comment."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from faq.models import Article, Status
from interpolinfo.content_version import forget_cached_state
from interpolinfo.models import ContentVersion, EditConflict, Proposal, ProposalState
from interpolinfo.review import keep_proposal
from tests.faq.factories import make_article, make_topic
from tests.faq.test_admin import article_data, staff_in
from tests.faq.test_editing import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    topic = make_topic(slug="scams", title="Scams")
    return make_article(
        topic=topic,
        slug="does-interpol-phone-people",
        title="Does INTERPOL phone people?",
        summary="No, never.",
        body="INTERPOL does not phone members of the public.",
    )


def change_url(item) -> str:
    return reverse("admin:faq_article_change", args=[item.pk])


def review_url(proposal) -> str:
    return reverse("admin:interpolinfo_proposal_change", args=[proposal.pk])


def opened_proposal_version(client, article) -> str:
    """The open proposal's version the change form carries, as a browser sends it back."""
    html = client.get(change_url(article)).content.decode()
    match = re.search(r'<input type="hidden" name="proposal_version"(?: value="(\d+)")?', html)
    assert match, "the Editor's change form carries the proposal's version"
    return match.group(1) or ""


def propose(client, article, *, submit=True, **changes) -> Proposal:
    live_at = timezone.localtime(article.publish_at)
    data = article_data(
        article.topic,
        slug=article.slug,
        version=article.version,
        proposal_version=opened_proposal_version(client, article),
        publish_at_0=live_at.strftime("%Y-%m-%d"),
        publish_at_1=live_at.strftime("%H:%M:%S"),
        **changes,
    )
    if submit:
        data["_submit_for_review"] = "Save and submit for review"
    assert client.post(change_url(article), data).status_code == 302
    return Proposal.objects.for_item(article).get()


def decide(client, proposal, article, decision, **fields):
    proposal.refresh_from_db()
    article.refresh_from_db()
    data = {
        "decision": decision,
        "item_version": article.version,
        "proposal_version": proposal.version,
        **fields,
    }
    return client.post(review_url(proposal), data)


def page_text(article) -> str:
    return Client().get(article.get_absolute_url()).content.decode()


def test_an_editors_change_to_a_published_page_waits_and_the_live_page_stays(editor, article):
    client = logged_in(editor)
    proposal = propose(client, article, body="INTERPOL never phones anyone.")
    article.refresh_from_db()
    assert article.body == "INTERPOL does not phone members of the public."
    assert "never phones anyone" not in page_text(article)
    assert proposal.state == ProposalState.AWAITING_REVIEW
    assert proposal.author == editor
    assert proposal.values == {"body_en": "INTERPOL never phones anyone."}
    assert proposal.base_version == article.version


def test_the_editor_reopens_the_page_and_sees_their_proposal(editor, article):
    client = logged_in(editor)
    propose(client, article, submit=False, body="My unfinished wording.")
    page = client.get(change_url(article)).content.decode()
    assert "My unfinished wording." in page
    assert "INTERPOL does not phone members of the public." not in page
    assert "The form shows your proposed change, not the live page." in page
    assert Proposal.objects.get().state == ProposalState.DRAFT


def test_a_publisher_sees_awaiting_review_on_the_dashboard_with_a_comparison(
    editor, publisher, article
):
    proposal = propose(logged_in(editor), article, body="INTERPOL never phones anyone.")
    client = logged_in(publisher)
    home = client.get(reverse("admin:index")).content.decode()
    assert "Awaiting review" in home
    assert f'href="{review_url(proposal)}"' in home
    review = client.get(review_url(proposal)).content.decode()
    assert "INTERPOL does not phone members of the public." in review
    assert "INTERPOL never phones anyone." in review
    assert "Approve and publish now" in review
    assert "On the site now" in review


def test_approving_publishes_the_change_for_visitors_with_a_truthful_history(
    editor, publisher, article
):
    proposal = propose(logged_in(editor), article, body="INTERPOL never phones anyone.")
    before = ContentVersion.objects.get().version
    response = decide(logged_in(publisher), proposal, article, "publish")
    assert response.status_code == 302
    assert "INTERPOL never phones anyone." in page_text(article)
    proposal.refresh_from_db()
    assert (proposal.state, proposal.reviewer) == (ProposalState.APPROVED, publisher)
    assert ContentVersion.objects.get().version > before
    latest = Version.objects.get_for_object(article).first()
    assert latest.revision.comment == "Change proposed by eddie, approved by pat"
    assert latest.revision.user == publisher


def test_an_approval_at_a_time_keeps_the_live_page_until_then(editor, publisher, article):
    proposal = propose(logged_in(editor), article, body="INTERPOL never phones anyone.")
    later = timezone.localtime() + timedelta(hours=2)
    response = decide(
        logged_in(publisher),
        proposal,
        article,
        "schedule",
        publish_at=later.strftime("%Y-%m-%dT%H:%M"),
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SCHEDULED
    assert "never phones anyone" not in page_text(article)
    assert ContentVersion.objects.get().next_publish_at == proposal.publish_at

    # Time passes: the first request after the publish time applies the change.
    past = timezone.now() - timedelta(seconds=1)
    Proposal.objects.filter(pk=proposal.pk).update(publish_at=past)
    ContentVersion.objects.update(next_publish_at=past)
    forget_cached_state()  # the shared cache's copy would say the time is still to come
    assert "INTERPOL never phones anyone." in page_text(article)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.APPROVED and proposal.applied_at is not None


def test_sending_back_needs_a_comment_which_the_editor_then_sees(editor, publisher, article):
    proposal = propose(logged_in(editor), article, body="INTERPOL never phones anyone.")
    reviewer = logged_in(publisher)
    refused = decide(reviewer, proposal, article, "send_back", comment="  ")
    assert refused.status_code == 200
    assert "Say what the editor should change." in refused.content.decode()
    assert (
        decide(reviewer, proposal, article, "send_back", comment="Cite the source.").status_code
        == 302
    )

    client = logged_in(editor)
    assert "Sent back to you" in client.get(reverse("admin:index")).content.decode()
    page = client.get(change_url(article)).content.decode()
    assert "Cite the source." in page
    assert "INTERPOL never phones anyone." in page
    article.refresh_from_db()
    propose(client, article, body="INTERPOL never phones anyone (see its website).")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.AWAITING_REVIEW


def test_two_editors_saving_one_proposal_from_the_same_page_cannot_overwrite_each_other(
    editor, article
):
    first = propose(logged_in(editor), article, submit=False, summary="Eddie's summary.")
    other = logged_in(staff_in("Editors", "erin"))
    opened_at = opened_proposal_version(other, article)
    eddie = logged_in(editor)
    propose(eddie, article, submit=False, summary="Eddie's second summary.")
    live_at = timezone.localtime(article.publish_at)
    erins_edit = article_data(
        article.topic,
        slug=article.slug,
        summary="Eddie's summary.",
        body="Erin's body.",
        version=article.version,
        proposal_version=opened_at,
        publish_at_0=live_at.strftime("%Y-%m-%d"),
        publish_at_1=live_at.strftime("%H:%M:%S"),
    )

    refused = other.post(change_url(article), erins_edit)
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Someone else saved this since you opened it" in html
    assert (
        "<tr><th scope='row'>Summary [en]</th><td>Eddie&#x27;s second summary.</td>"
        "<td>Eddie&#x27;s summary.</td></tr>" in html
    )
    assert "Erin&#x27;s body.</textarea>" in html
    first.refresh_from_db()
    assert first.values == {"summary_en": "Eddie's second summary."}

    # Saving again from the refused form knowingly replaces the proposal seen now.
    current = re.search(r'name="proposal_version" value="(\d+)"', html).group(1)
    assert int(current) == first.version
    saved = other.post(change_url(article), {**erins_edit, "proposal_version": current})
    assert saved.status_code == 302
    first.refresh_from_db()
    assert first.values == {"summary_en": "Eddie's summary.", "body_en": "Erin's body."}
    assert first.author.username == "erin"


def test_an_editor_whose_form_predates_the_first_proposal_cannot_replace_it(editor, article):
    other = logged_in(staff_in("Editors", "erin"))
    assert opened_proposal_version(other, article) == ""
    proposal = propose(logged_in(editor), article, body="INTERPOL never phones anyone.")
    live_at = timezone.localtime(article.publish_at)
    unchanged = article_data(
        article.topic,
        slug=article.slug,
        version=article.version,
        proposal_version="",
        publish_at_0=live_at.strftime("%Y-%m-%d"),
        publish_at_1=live_at.strftime("%H:%M:%S"),
    )
    # Nothing Erin typed differs from the live page: saved, that would delete the proposal.
    refused = other.post(change_url(article), unchanged)
    assert "Someone else saved this since you opened it" in refused.content.decode()
    proposal.refresh_from_db()
    assert proposal.values == {"body_en": "INTERPOL never phones anyone."}


def test_a_proposal_saved_between_the_check_and_the_write_is_not_replaced(editor, article):
    proposal = propose(logged_in(editor), article, submit=False, body="Eddie's body.")
    item = Article.objects.get(pk=article.pk)
    Proposal.objects.filter(pk=proposal.pk).update(version=proposal.version + 1)
    with pytest.raises(EditConflict):
        keep_proposal(
            item=item,
            values={"body_en": "A stale body."},
            base_version=item.version,
            author=editor,
            submit=True,
            opened_at=proposal.version,
        )
    with pytest.raises(EditConflict):
        keep_proposal(
            item=item,
            values={},
            base_version=item.version,
            author=editor,
            submit=True,
            opened_at=None,
        )
    proposal.refresh_from_db()
    assert (proposal.values, proposal.state) == ({"body_en": "Eddie's body."}, ProposalState.DRAFT)


def test_an_editor_cannot_approve(editor, article):
    client = logged_in(editor)
    proposal = propose(client, article, body="INTERPOL never phones anyone.")
    assert decide(client, proposal, article, "publish").status_code == 403
    article.refresh_from_db()
    assert article.body == "INTERPOL does not phone members of the public."
    assert "Approve and publish now" not in client.get(review_url(proposal)).content.decode()


def test_approving_a_change_written_against_an_older_page_says_so_and_changes_nothing(
    editor, publisher, article
):
    proposal = propose(logged_in(editor), article, body="INTERPOL never phones anyone.")
    article.refresh_from_db()
    article.summary = "A publisher's own edit."
    article.save()
    response = decide(logged_in(publisher), proposal, article, "publish")
    assert response.status_code == 200
    assert "The live page was changed after this change was proposed" in response.content.decode()
    article.refresh_from_db()
    assert article.body == "INTERPOL does not phone members of the public."
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.AWAITING_REVIEW


def test_a_decision_on_a_page_read_before_a_newer_save_is_refused(editor, publisher, article):
    proposal = propose(logged_in(editor), article, body="INTERPOL never phones anyone.")
    stale = {
        "decision": "publish",
        "item_version": article.version - 1,
        "proposal_version": proposal.version,
    }
    response = logged_in(publisher).post(review_url(proposal), stale)
    assert "Read it again before deciding." in response.content.decode()
    assert Proposal.objects.get().state == ProposalState.AWAITING_REVIEW


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"decision": "explode"},
        {"decision": "publish", "item_version": "x", "proposal_version": "y"},
        {"decision": "schedule", "item_version": 1, "proposal_version": 1, "publish_at": "soon"},
    ],
)
def test_bad_review_input_is_a_form_error_or_400_never_500(editor, publisher, article, data):
    proposal = propose(logged_in(editor), article, body="INTERPOL never phones anyone.")
    response = logged_in(publisher).post(review_url(proposal), data)
    assert response.status_code in {200, 400}
    assert Proposal.objects.get().state == ProposalState.AWAITING_REVIEW


def test_the_review_page_is_post_only_for_changes_and_csrf_protected(editor, publisher, article):
    proposal = propose(logged_in(editor), article, body="INTERPOL never phones anyone.")
    checked = Client(enforce_csrf_checks=True)
    checked.force_login(publisher)
    response = decide(checked, proposal, article, "publish")
    assert response.status_code == 403
    assert Proposal.objects.get().state == ProposalState.AWAITING_REVIEW


def test_a_draft_follows_the_same_path(editor, publisher, article):
    client = logged_in(editor)
    response = client.post(
        reverse("admin:faq_article_add"),
        {
            **article_data(article.topic, slug="new-draft", title="A new page"),
            "_submit_for_review": "Save and submit for review",
        },
    )
    assert response.status_code == 302
    draft = Article.objects.get(slug="new-draft")
    assert draft.status == Status.DRAFT
    proposal = Proposal.objects.for_item(draft).get()
    assert proposal.state == ProposalState.AWAITING_REVIEW
    review = logged_in(publisher).get(review_url(proposal)).content.decode()
    assert "A page not yet published" in review and "A new page" in review
    assert decide(logged_in(publisher), proposal, draft, "publish").status_code == 302
    draft.refresh_from_db()
    assert draft.is_live
    assert "A new page" in page_text(draft)


def test_publishers_alone_hold_the_review_permission():
    from django.contrib.auth.models import Group

    def codenames(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    assert {"add_proposal", "change_proposal", "view_proposal"} <= codenames("Editors")
    assert "review_proposal" not in codenames("Editors")
    assert "review_proposal" in codenames("Publishers")


def test_the_dashboards_review_list_costs_one_query_however_many_wait(editor, publisher, article):
    kind = propose(logged_in(editor), article, body="INTERPOL never phones anyone.").content_type
    client = logged_in(publisher)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("admin:index"))
    for number in range(25):
        other = make_article(topic=article.topic, title=f"Page {number}")
        Proposal.objects.create(
            content_type=kind,
            object_id=other.pk,
            title=other.title,
            author=editor,
            state=ProposalState.AWAITING_REVIEW,
            submitted_at=timezone.now(),
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("admin:index")).content.decode()
    assert len(many) == len(one)
    assert page.count('class="dashboard-todo"><a href="/admin/interpolinfo/proposal/') == 20
    assert "See every change awaiting review" in page
