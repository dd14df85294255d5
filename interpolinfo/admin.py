from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.utils.translation import gettext_lazy as _

from interpolinfo.models import SiteFacts, TranslationState
from interpolinfo.translations import english_hash, translation_report

# Staff should know at a glance which site they are editing; Django's defaults name Django.
admin.site.site_header = _("interpolinfo — staff")
admin.site.site_title = _("interpolinfo staff")
admin.site.index_title = _("Content and settings")


class SafeDateHierarchyMixin:
    """A date drill-down past the calendar's end (`?date__year=9999`) is a bad link,
    not a crash: Django's changelist computes the next year or day and overflows.
    Reported as incorrect lookup parameters, the admin shows the list with `?e=1`."""

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


def make_date_hierarchies_safe(site: admin.AdminSite) -> None:
    """Give every registered list with a date drill-down (ours and third-party apps',
    such as django-axes' logs) the mixin above; called once the admin is discovered."""
    for model, model_admin in list(site._registry.items()):
        if model_admin.date_hierarchy and not isinstance(model_admin, SafeDateHierarchyMixin):
            safe = type(
                f"Safe{type(model_admin).__name__}", (SafeDateHierarchyMixin, type(model_admin)), {}
            )
            site.unregister(model)
            site.register(model, safe)


class SuperusersDeleteDevicesOnly:
    """Two-factor devices (django-otp's own admins): only a superuser sees them, and
    can only delete them, to let someone who lost theirs set up a new one. Nobody
    adds or edits a device here: each person sets up their own at sign-in."""

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


def let_only_superusers_delete_devices(site: admin.AdminSite) -> None:
    """Wrap django-otp's device admins in the rules above; called once the admin is discovered."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model in (TOTPDevice, StaticDevice):
        model_admin = type(site._registry[model])
        site.unregister(model)
        site.register(
            model,
            type(f"Guarded{model_admin.__name__}", (SuperusersDeleteDevicesOnly, model_admin), {}),
        )


@admin.register(SiteFacts)
class SiteFactsAdmin(admin.ModelAdmin):
    """One row, created by a migration: staff change it, never add or delete it."""

    list_display = ("__str__", "member_countries", "last_verified")
    fields = ("member_countries", "source_url", "last_verified")

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(TranslationState)
class TranslationStateAdmin(admin.ModelAdmin):
    """The translation report: per language, what is missing, stale or unreviewed."""

    list_display = ["content_type", "object_id", "language", "needs_native_review", "updated"]
    list_filter = ["language", "needs_native_review", "content_type"]
    change_list_template = "admin/interpolinfo/translationstate/change_list.html"
    actions = ["mark_reviewed"]

    def has_add_permission(self, request) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "translation_report": translation_report()}
        return super().changelist_view(request, extra_context=extra_context)

    @admin.action(description=_("Mark as reviewed by a native speaker and up to date"))
    def mark_reviewed(self, request, queryset):
        updated = 0
        for state in queryset.select_related("content_type"):
            item = state.content_type.get_object_for_this_type(pk=state.object_id)
            state.source_hash = english_hash(item)
            state.needs_native_review = False
            state.save()
            updated += 1
        self.message_user(request, _("%(n)d translation(s) marked reviewed.") % {"n": updated})
