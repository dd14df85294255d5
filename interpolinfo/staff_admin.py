"""Adding a staff member is one screen: name, password twice, email and roles.

Django's own add page asks for a name and password, then sends the user to a
second, long page for everything else; a new staff member here needs only
their roles (the groups made by migrations), and is staff by being added here.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _


class StaffCreationForm(UserCreationForm):
    email = forms.EmailField(label=_("Email address"), required=True)
    groups = forms.ModelMultipleChoiceField(
        label=_("Roles"),
        queryset=Group.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=True,
        help_text=_(
            "Editors write drafts; Publishers also publish; Wizard editors keep the "
            "contact wizard and the country directory up to date."
        ),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email", "groups")

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        # Everyone added here works in the admin; superusers are made from the command line.
        user.is_staff = True
        if commit:
            user.save()
            self.save_m2m()
        return user


class StaffUserAdmin(UserAdmin):
    add_form = StaffCreationForm
    add_fieldsets = ((None, {"fields": ("username", "password1", "password2", "email", "groups")}),)

    def response_add(self, request, obj, post_url_continue=None):
        # UserAdmin always continues to the long change page; here the add page is enough.
        return super(UserAdmin, self).response_add(request, obj, post_url_continue)


def register(site: admin.AdminSite) -> None:
    if site.is_registered(User):
        site.unregister(User)
    site.register(User, StaffUserAdmin)
