"""Proposed changes: an Editor's change to a published page waits for a Publisher.

An Editor who saves a published page does not change it: the fields that differ
from the live row (every language's column, related items as ids) are kept in
one open `Proposal` per page, written against the live version. Reopening the
page shows the proposal; submitting it puts it under "Awaiting review" on the
dashboard. A draft the Editor writes is saved as a draft (nothing is live) and
its proposal only asks for it to be published.

A Publisher approves it (now, or at a time) or sends it back with a comment.
Approving saves the page through its versioned save, so a live page changed
since the proposal was written is reported, never overwritten; the history
names the author and the approver, and the save moves the content version on.
An approved change to a live page scheduled for later is applied by the first
request after its time (interpolinfo.content_version), like scheduled pages.
"""

import copy
import json
from datetime import datetime

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from faq.models import Status
from interpolinfo.content_version import bump_content_version
from interpolinfo.editing import LinkCheckedForm, VersionField, differences, saved_value
from interpolinfo.models import EditConflict, Proposal, ProposalState
from interpolinfo.translations import translated_fields

# Bookkeeping a reviewer need not read in the comparison of a new page.
NOT_COMPARED = {"id", "version", "status"}


class ReviewRefused(Exception):
    """The proposal cannot be applied as it stands; `message` says why, for the reviewer."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_live_row(item: models.Model) -> bool:
    """Published (on the site or scheduled): changes to it wait for review."""
    return getattr(item, "status", None) == Status.PUBLISHED


def _same(first, second) -> bool:
    if isinstance(first, datetime) and isinstance(second, datetime):
        # The admin's date and time fields have no microseconds; a stored time may.
        return first.replace(microsecond=0) == second.replace(microsecond=0)
    # An untranslated column may hold NULL; the form sends it back empty.
    return (first if first is not None else "") == (second if second is not None else "")


def proposed_values(*, form, live: models.Model) -> dict:
    """What the valid admin `form` proposes that differs from the `live` row, JSON-ready."""
    item = form.instance
    values = {}
    for name, cleaned in form.cleaned_data.items():
        try:
            field = item._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.many_to_many:
            proposed = sorted(related.pk for related in cleaned)
            current = sorted(getattr(live, name).values_list("pk", flat=True))
            if proposed != current:
                values[name] = proposed
        elif field.concrete and not field.primary_key and name != "version":
            proposed = field.value_from_object(item)
            if not _same(proposed, field.value_from_object(live)):
                values[field.attname] = proposed
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def apply_values(item: models.Model, values: dict) -> models.Model:
    """Put proposed `values` into `item` in memory (related items into its prefetch cache)."""
    fields = {field.attname: field for field in item._meta.concrete_fields}
    many = {field.name: field for field in item._meta.many_to_many}
    cache = dict(getattr(item, "_prefetched_objects_cache", {}))
    for name, value in values.items():
        if name in many:
            cache[name] = many[name].related_model._base_manager.filter(pk__in=value)
        elif name in fields:  # a field removed since the proposal was written is skipped
            setattr(item, name, fields[name].to_python(value))
    item._prefetched_objects_cache = cache
    return item


def proposal_of(item: models.Model) -> Proposal | None:
    """The page's open proposal (being written, awaiting review or sent back), if any."""
    if item.pk is None:
        return None
    return Proposal.objects.open().for_item(item).select_related("reviewer").first()


def keep_proposal(
    *,
    item: models.Model,
    values: dict,
    base_version: int,
    author,
    submit: bool,
    opened_at: int | None,
) -> Proposal:
    """Record the Editor's proposal for `item` (shown with its values); submitted if `submit`.

    `opened_at` is the version of the open proposal the Editor's form was opened at
    (None: there was none). The save claims it, so a proposal someone saved since is
    never replaced: `EditConflict` is raised and nothing is written.
    """
    proposal = proposal_of(item)
    if proposal is None:
        proposal = Proposal(content_type=ContentType.objects.get_for_model(item), object_id=item.pk)
    elif opened_at is None:
        raise EditConflict(f"Proposal {proposal.pk} was written since the form was opened")
    else:
        proposal.version = opened_at
    proposal.title = str(item)[: Proposal._meta.get_field("title").max_length]
    proposal.values = values
    proposal.base_version = base_version
    proposal.author = author
    if submit:
        proposal.state = ProposalState.AWAITING_REVIEW
        proposal.submitted_at = timezone.now()
    try:
        with transaction.atomic():
            proposal.save()
    except IntegrityError as error:
        if proposal_of(item) is None:
            raise
        # Another Editor's first proposal for the page was written at the same moment.
        raise EditConflict(f"A proposal for {item!r} was written at the same time") from error
    return proposal


class ProposingForm(LinkCheckedForm):
    """The change form of a page whose saves may be kept as proposals (faq.admin).

    For someone whose save is kept as a proposal (`proposes`, set by the admin), the
    form also carries the version of the page's open proposal it was opened at: the
    proposal, not the live page, is what their save replaces, so a proposal saved by
    someone else since is refused with the same comparison as any stale save. (The
    admin shows such a user the page as its proposal has it, so the comparison reads
    the other person's proposed text against what was typed.)
    """

    proposal_version = VersionField(required=False, min_value=0)
    proposes = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.proposal = proposal_of(self.instance) if self.proposes else None
        if self.proposal is not None:
            self.initial.setdefault("proposal_version", self.proposal.version)

    def clean(self):
        data = super().clean()
        current = self.proposal.version if self.proposal is not None else None
        opened_at = data.get("proposal_version")
        if self.proposes and self.instance.pk is not None and opened_at != current:
            self._refuse(saved=self.instance)
        return data

    def _refuse(self, *, saved: models.Model) -> None:
        # Saving again from the refused form knowingly replaces the proposal seen now too.
        self.data = self.data.copy()
        current = self.proposal.version if self.proposal is not None else ""
        self.data[self.add_prefix("proposal_version")] = current
        super()._refuse(saved=saved)


def item_of(proposal: Proposal) -> models.Model | None:
    model = proposal.content_type.model_class()
    if model is None:
        return None
    return model._base_manager.filter(pk=proposal.object_id).first()


def comparison(*, proposal: Proposal, item: models.Model) -> list[tuple[str, str, str]]:
    """(field, on the site now, proposed) for each field the proposal changes; for a
    page never published, each of its fields against nothing."""
    proposed = apply_values(copy.copy(item), proposal.values)
    names = list(proposal.values)
    if not is_live_row(item):
        skipped = NOT_COMPARED | set(translated_fields(type(item)))
        names = [
            field.name
            for field in (*item._meta.concrete_fields, *item._meta.many_to_many)
            if field.editable and field.name not in skipped
        ]
    pairs = []
    for name in names:
        field = _field(item, name)
        if field is None:
            continue
        live = saved_value(item, field) if is_live_row(item) else None
        pairs.append((str(field.verbose_name), live, saved_value(proposed, field)))
    return differences(pairs)


def _field(item: models.Model, name: str) -> models.Field | None:
    by_attname = {field.attname: field for field in item._meta.concrete_fields}
    if name in by_attname:
        return by_attname[name]
    try:
        return item._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _check_current(
    *, proposal: Proposal, item: models.Model | None, item_version: int, proposal_version: int
) -> models.Model:
    if item is None:
        raise ReviewRefused(_("The page this change was proposed for no longer exists."))
    _check_proposal_unchanged(proposal=proposal, proposal_version=proposal_version)
    if item.version != item_version:
        raise ReviewRefused(
            _("The page was saved since you opened this review. Read it again before deciding.")
        )
    if is_live_row(item) and proposal.base_version != item.version:
        raise ReviewRefused(_conflict_message())
    return item


def _check_proposal_unchanged(*, proposal: Proposal, proposal_version: int) -> None:
    if proposal.version != proposal_version or not proposal.is_open:
        raise ReviewRefused(
            _("The proposal changed since you opened it. Read it again before deciding.")
        )


def _conflict_message() -> str:
    return _(
        "The live page was changed after this change was proposed, so approving it would "
        "overwrite that newer version. Nothing was changed: send it back so the editor can "
        "redo the change on the current page."
    )


def approve(
    *,
    proposal: Proposal,
    reviewer,
    item_version: int,
    proposal_version: int,
    publish_at: datetime | None = None,
) -> None:
    """Publish the proposal now, or at `publish_at`: a draft is published with that
    publish time; a change to a live page is applied when the time comes."""
    item = _check_current(
        proposal=proposal,
        item=item_of(proposal),
        item_version=item_version,
        proposal_version=proposal_version,
    )
    now = timezone.now()
    later = publish_at is not None and publish_at > now
    with transaction.atomic():
        if later and is_live_row(item):
            _validate(apply_values(copy.copy(item), proposal.values))
            proposal.state = ProposalState.SCHEDULED
            proposal.publish_at = publish_at
        else:
            _apply(proposal=proposal, item=item, reviewer=reviewer, publish_at=publish_at or now)
            proposal.state = ProposalState.SCHEDULED if later else ProposalState.APPROVED
            proposal.publish_at = publish_at or now
            proposal.applied_at = now
        proposal.reviewer = reviewer
        proposal.reviewed_at = now
        proposal.save()
        if proposal.state == ProposalState.SCHEDULED and proposal.applied_at is None:
            # Records the new time in the content version, so the first request after it
            # applies the change (a proposal's own save does not move the version).
            bump_content_version()


def send_back(*, proposal: Proposal, reviewer, comment: str, proposal_version: int) -> None:
    """Return the proposal to its editor with the reviewer's comment; nothing is published."""
    _check_proposal_unchanged(proposal=proposal, proposal_version=proposal_version)
    proposal.state = ProposalState.SENT_BACK
    proposal.comment = comment
    proposal.reviewer = reviewer
    proposal.reviewed_at = timezone.now()
    proposal.save()


def apply_due_proposals(*, now: datetime) -> int:
    """Apply approved changes to live pages whose time has come; one the page has
    changed under since approval is sent back instead, saying so. Returns how many applied."""
    applied = 0
    for proposal in Proposal.objects.due(now=now).select_related("author", "reviewer"):
        item = item_of(proposal)
        try:
            if item is None or proposal.base_version != item.version:
                raise ReviewRefused(_conflict_message())
            with transaction.atomic():
                _apply(proposal=proposal, item=item, reviewer=proposal.reviewer, publish_at=now)
                proposal.applied_at = now
                proposal.state = ProposalState.APPROVED
                proposal.save()
            applied += 1
        except ReviewRefused as refused:
            proposal.state = ProposalState.SENT_BACK
            proposal.comment = _("Not applied at its scheduled time: %(reason)s") % {
                "reason": refused.message
            }
            proposal.save()
    return applied


def _validate(item: models.Model) -> None:
    try:
        item.validate_unique()
    except ValidationError as error:
        raise ReviewRefused(" ".join(error.messages)) from error


def _apply(*, proposal: Proposal, item: models.Model, reviewer, publish_at: datetime) -> None:
    """Save the proposed values into the page (publishing a draft), as one revision."""
    apply_values(item, proposal.values)
    if not is_live_row(item):
        item.status = Status.PUBLISHED
        item.publish_at = publish_at
    _validate(item)
    many = {field.name for field in item._meta.many_to_many}
    # The related items go through the managers below, not the in-memory cache.
    item._prefetched_objects_cache = {}
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(reviewer)
        reversion.set_comment(
            f"Change proposed by {proposal.author.get_username()}, "
            f"approved by {reviewer.get_username()}"
        )
        try:
            item.save()
        except EditConflict as conflict:
            raise ReviewRefused(_conflict_message()) from conflict
        for name, ids in proposal.values.items():
            if name in many:
                getattr(item, name).set(ids)
