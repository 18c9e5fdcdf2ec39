"""Forms of user management. They validate input; the services decide and write."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from solidarity.core.widgets import RemoteSelect

from .choices import Role
from .models import User
from .selectors import default_unit_for, grantable_roles, units_administered_by


def personal_data_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("May see personal data"),
        required=False,
        help_text=_(
            "Sees the personal details (documents, addresses, phone numbers) of the migrant workers, "
            "delegation members and contacts of this unit and the units below it. Every view is logged."
        ),
    )


class UnitChoiceField(forms.ModelChoiceField):
    # Type-to-search: an administrator at VGCL administers the whole tree.
    widget = RemoteSelect("unit_options", query="scope=admin")


class PasswordFieldsMixin(forms.Form):
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        # Django's own markup, free of user data: safe to render as HTML.
        help_text=mark_safe(password_validation.password_validators_help_text_html()),  # noqa: S308
    )
    password_confirm = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def password_user(self) -> User:
        """The user the password is checked against (similarity to username, name…)."""
        raise NotImplementedError

    def clean_password_confirm(self):
        password = self.cleaned_data.get("password")
        confirm = self.cleaned_data.get("password_confirm")
        if password and confirm and password != confirm:
            raise ValidationError(_("The two passwords do not match."), code="password_mismatch")
        return confirm

    def _post_clean(self):
        super()._post_clean()
        password = self.cleaned_data.get("password")
        if password:
            try:
                password_validation.validate_password(password, self.password_user())
            except ValidationError as error:
                self.add_error("password", error)


class ProfileFieldsMixin(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("Used to sign in. Letters, digits and @ . + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    title = forms.CharField(label=_("Title"), max_length=150, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)

    def existing_pk(self) -> int | None:
        return None

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        User.username_validator(username)
        others = User.objects.exclude(pk=self.existing_pk())
        if others.filter(username__iexact=username).exists():
            raise ValidationError(_("This username is already taken."))
        return username

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        others = User.objects.exclude(pk=self.existing_pk())
        if email and others.filter(email__iexact=email).exists():
            raise ValidationError(_("Another user already has this e-mail address."))
        return email


class UserCreateForm(ProfileFieldsMixin, PasswordFieldsMixin):
    unit = UnitChoiceField(label=_("Unit"), queryset=None, empty_label=None)
    role = forms.TypedChoiceField(label=_("Role"), choices=Role.choices, coerce=int, initial=Role.OFFICER)
    personal_data = personal_data_field()

    field_order = [
        "username",
        "full_name",
        "email",
        "title",
        "phone",
        "unit",
        "role",
        "personal_data",
        "password",
        "password_confirm",
    ]

    def __init__(self, *args, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_administered_by(by)
        self.fields["role"].choices = grantable_roles(by=by)
        self.initial.setdefault("unit", default_unit_for(by, min_role=Role.ADMIN))

    def password_user(self) -> User:
        data = self.cleaned_data
        return User(
            username=data.get("username", ""),
            full_name=data.get("full_name", ""),
            email=data.get("email", ""),
        )


class UserEditForm(ProfileFieldsMixin):
    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        kwargs.setdefault("initial", {name: getattr(user, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)

    def existing_pk(self) -> int | None:
        return self.user.pk


class SetPasswordForm(PasswordFieldsMixin):
    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def password_user(self) -> User:
        return self.user


class MembershipAddForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=None, empty_label=None)
    role = forms.TypedChoiceField(label=_("Role"), choices=Role.choices, coerce=int, initial=Role.OFFICER)
    personal_data = personal_data_field()

    def __init__(self, *args, by: User, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_administered_by(by).exclude(memberships__user=user)
        self.fields["role"].choices = grantable_roles(by=by)


class MembershipRoleForm(forms.Form):
    role = forms.TypedChoiceField(label=_("Role"), choices=Role.choices, coerce=int)
    personal_data = personal_data_field()

    def __init__(self, *args, by: User, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = grantable_roles(by=by, unit=unit)
