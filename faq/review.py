"""Content whose facts are due to be checked again."""

from dataclasses import dataclass

from django.urls import reverse

from faq.models import PUBLISHABLE_MODELS


@dataclass(frozen=True)
class OverdueItem:
    kind: str
    title: str
    review_due: object
    status: str
    admin_url: str


def overdue_count() -> int:
    return sum(model.objects.review_overdue().count() for model in PUBLISHABLE_MODELS)


def overdue_items() -> list[OverdueItem]:
    """Every item past its review date, of every kind, the longest overdue first."""
    items = []
    for model in PUBLISHABLE_MODELS:
        opts = model._meta
        for obj in model.objects.review_overdue():
            items.append(
                OverdueItem(
                    kind=str(opts.verbose_name),
                    title=str(obj),
                    review_due=obj.review_due,
                    status=obj.get_status_display(),
                    admin_url=reverse(
                        f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
                    ),
                )
            )
    return sorted(items, key=lambda item: item.review_due)
