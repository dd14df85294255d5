"""The site-wide content version: every content edit bumps it, the page cache reads it.

A cached page's key holds the version it was rendered at, so bumping the
version retires every cached page at once, on every instance. Receivers here
catch saves, deletes and many-to-many changes of every model in the content
apps (the admin, management commands and django-reversion's revert all save
through the ORM), and the bump runs inside the editing transaction, so a
reader can never see the new version before the new content.

Scheduled publishing needs no receiver: the version row remembers the
earliest future `publish_at` of any content model (or of an approved change
scheduled for a live page), and the first request after that moment moves the
version on (and applies those changes).

Reading the version costs no SQL on most requests: the state is kept in the
cache beside the pages (Redis in production: shared, so every instance sees a
bump at once), and each process keeps the copy it read until Redis announces
a change (interpolinfo/state_watch.py), so most requests make no round trip.
A bump forgets it at once and stores the new state when the editing
transaction commits; a reader that finds nothing reads the row and stores
what it read with `cache.add`, which never overwrites a newer state.
Without Redis, on SQLite, the state lives in a file every process on the
machine shares (interpolinfo/state_cache.py), with the same rules. Only a
PostgreSQL site without Redis keeps it in one process's memory, which a bump in
another process cannot reach, so there it is kept CONTENT_STATE_LOCAL_SECONDS
(by default not at all: each request reads the row).
"""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from interpolinfo import state_watch
from interpolinfo.bulk import in_bulk_load
from interpolinfo.models import ContentVersion, Proposal, ProposalState

SINGLE_ROW = 1
STATE_KEY = "content-state"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ContentState:
    version: int
    changed_at: datetime
    next_publish_at: datetime | None

    def is_overtaken(self, *, now: datetime) -> bool:
        """A scheduled item has gone live since this state was read."""
        return self.next_publish_at is not None and self.next_publish_at <= now

    def seconds_until_next_publish(self, *, now: datetime) -> int | None:
        if self.next_publish_at is None:
            return None
        return max(0, int((self.next_publish_at - now).total_seconds()))


def is_content_model(model: type[models.Model]) -> bool:
    meta = model._meta
    if meta.app_label not in settings.CONTENT_VERSION_APPS:
        return False
    return meta.label_lower not in settings.CONTENT_VERSION_IGNORED_MODELS


def content_models() -> list[type[models.Model]]:
    return [
        model
        for label in settings.CONTENT_VERSION_APPS
        if apps.is_installed(label)
        for model in apps.get_app_config(label).get_models()
        if is_content_model(model)
    ]


def next_publish_time(*, now: datetime) -> datetime | None:
    """The earliest `publish_at` after `now` among all content models, if any."""
    upcoming = []
    for model in content_models():
        if not any(field.name == "publish_at" for field in model._meta.concrete_fields):
            continue
        soonest = (
            model._base_manager.filter(publish_at__gt=now)
            .aggregate(soonest=models.Min("publish_at"))
            .get("soonest")
        )
        if soonest is not None:
            upcoming.append(soonest)
    scheduled = _next_scheduled_proposal(now=now)
    if scheduled is not None:
        upcoming.append(scheduled)
    return min(upcoming, default=None)


_proposal_table_exists = False


def _next_scheduled_proposal(*, now: datetime) -> datetime | None:
    """When the next approved change to a live page is due (the first request after it
    applies it). Content saved by the migrations before the table's own reads nothing."""
    global _proposal_table_exists
    if not _proposal_table_exists:
        if Proposal._meta.db_table not in connection.introspection.table_names():
            return None
        _proposal_table_exists = True
    return Proposal.objects.filter(
        state=ProposalState.SCHEDULED, applied_at__isnull=True, publish_at__gt=now
    ).aggregate(soonest=models.Min("publish_at"))["soonest"]


def _state_cache():
    return caches[settings.CONTENT_STATE_CACHE_ALIAS]


def state_seconds() -> int:
    backend = settings.CACHES[settings.CONTENT_STATE_CACHE_ALIAS]["BACKEND"]
    if backend.endswith("LocMemCache"):
        return settings.CONTENT_STATE_LOCAL_SECONDS
    return settings.CONTENT_STATE_SECONDS


def state_is_cached() -> bool:
    return state_seconds() > 0


def _cached_state() -> ContentState | None:
    if not state_is_cached():
        return None
    try:
        return _state_cache().get(STATE_KEY)
    except Exception:
        logger.warning("Cache unavailable; reading the content version", exc_info=True)
        return None


def _offer_state(state: ContentState) -> None:
    if not state_is_cached():
        return
    try:
        _state_cache().add(STATE_KEY, state, state_seconds())
    except Exception:
        logger.warning("Cache unavailable; content version not shared", exc_info=True)


def forget_cached_state() -> None:
    try:
        _state_cache().delete(STATE_KEY)
    except Exception:
        logger.warning("Cache unavailable; content version not forgotten", exc_info=True)
    state_watch.announce()


def _share_committed_state() -> None:
    if not state_is_cached():
        return
    state = _read_row()
    if state is None:
        return
    try:
        _state_cache().set(STATE_KEY, state, state_seconds())
    except Exception:
        logger.warning("Cache unavailable; content version not shared", exc_info=True)
    state_watch.announce()


def bump_content_version() -> None:
    """Retire every cached page: call after any change the ORM's signals do not see."""
    forget_cached_state()
    transaction.on_commit(_share_committed_state)
    now = timezone.now()
    changes = {"changed_at": now, "next_publish_at": next_publish_time(now=now)}
    with transaction.atomic():
        updated = ContentVersion.objects.filter(pk=SINGLE_ROW).update(
            version=models.F("version") + 1, **changes
        )
        if not updated:
            _create_row(**changes)


def _create_row(**fields) -> None:
    try:
        with transaction.atomic():
            ContentVersion.objects.create(pk=SINGLE_ROW, version=1, **fields)
    except IntegrityError:
        # Another process created it first; its version is as good as ours.
        pass


def _read_row() -> ContentState | None:
    # Every public request runs this, so it skips the ORM's query building: one
    # plain SELECT by primary key.
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT version, changed_at, next_publish_at FROM {table} WHERE id = %s",  # noqa: S608
            [SINGLE_ROW],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    version, changed_at, next_publish_at = row
    return ContentState(version, _aware(changed_at), _aware(next_publish_at))


def _aware(value: datetime | str | None) -> datetime | None:
    """SQLite hands back naive UTC datetimes (or text); PostgreSQL aware ones."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value is not None and timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return value


def current_state() -> ContentState:
    """The live content version, moved on first if a scheduled item has gone live.

    From this process's copy while Redis announces no change (interpolinfo/state_watch.py),
    else from the cache, when either holds a state that no scheduled item has overtaken.
    """
    now = timezone.now()
    held = state_watch.unchanged_state()
    if held is not None and not held.is_overtaken(now=now):
        return held
    cached = _cached_state()
    if cached is not None and not cached.is_overtaken(now=now):
        state_watch.remember(cached)
        return cached
    if cached is not None:
        forget_cached_state()
    state = _database_state()
    _offer_state(state)
    state_watch.remember(state)
    return state


def _database_state() -> ContentState:
    state = _read_row()
    if state is None:
        bump_content_version()
        return _database_state()
    now = timezone.now()
    if state.next_publish_at is not None and state.next_publish_at <= now:
        # Only one process wins the conditional update; the others re-read its result.
        won = ContentVersion.objects.filter(pk=SINGLE_ROW, version=state.version).update(
            version=state.version + 1,
            changed_at=state.next_publish_at,
            next_publish_at=next_publish_time(now=now),
        )
        if won:
            # The winner also applies approved changes whose time has come (their saves
            # move the version on again), so visitors never see the old text after it.
            from interpolinfo.review import apply_due_proposals

            apply_due_proposals(now=now)
        return _database_state()
    return state


def _content_saved_or_deleted(sender: type[models.Model], **kwargs) -> None:
    if is_content_model(sender) and not in_bulk_load():
        bump_content_version()


def _content_relations_changed(sender: type[models.Model], instance, action: str, **kwargs):
    # Either side of the relation may be the content (the change can come from the other end).
    if in_bulk_load():
        return
    if action in {"post_add", "post_remove", "post_clear"} and (
        is_content_model(type(instance)) or is_content_model(kwargs["model"])
    ):
        bump_content_version()


def connect_receivers() -> None:
    """Listen to every model, so content apps need no code of their own for this."""
    post_save.connect(_content_saved_or_deleted, dispatch_uid="content_version_save")
    post_delete.connect(_content_saved_or_deleted, dispatch_uid="content_version_delete")
    m2m_changed.connect(_content_relations_changed, dispatch_uid="content_version_m2m")
