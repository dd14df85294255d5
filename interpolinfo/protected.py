"""What keeps an item from being deleted, named and linked for staff.

Django's refusal lists the protected rows as "choice: Yes" when the model that
holds them has no admin page of its own (a wizard answer is edited inside its
question). Here each row says where it is and links to the page that edits it.
"""

from django.contrib.admin.utils import NestedObjects, quote
from django.db.models import Model
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from contact.models import Choice


def describe_user(item: Model) -> SafeString:
    """One protected row, as a sentence with a link to the page where it is changed."""
    if isinstance(item, Choice):
        question = item.question
        return format_html(
            '{} <a href="{}">{}</a> → {} “{}”',
            _("Question"),
            reverse("admin:contact_question_change", args=[question.pk]),
            question,
            _("answer"),
            item.label,
        )
    opts = item._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(item.pk)])
    except NoReverseMatch:
        return format_html("{}: {}", capfirst(opts.verbose_name), item)
    return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, item)


def protected_users(objs, *, using: str) -> list[SafeString]:
    """Every row that protects `objs` from deletion, described and linked."""
    collector = NestedObjects(using=using)
    collector.collect(objs)
    rows = sorted(collector.protected, key=lambda row: (row._meta.label, str(row)))
    return [describe_user(row) for row in rows]


def with_named_protected(deleted_objects: tuple, objs, *, using: str) -> tuple:
    """`ModelAdmin.get_deleted_objects()`'s answer with its protected rows named and linked."""
    to_delete, model_count, perms_needed, protected = deleted_objects
    if protected:
        protected = protected_users(objs, using=using)
    return to_delete, model_count, perms_needed, protected
