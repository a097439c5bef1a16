from allauth.socialaccount.models import SocialAccount
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils.html import format_html

from accounts.models import User
from payments.models import Entitlement
from payments.services import entitlement_grant


class PaidAccessFilter(admin.SimpleListFilter):
    title = "paid access"
    parameter_name = "paid"

    def lookups(self, request, model_admin):
        return (("yes", "Has paid access now"), ("no", "No paid access"))

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(paid=self.value() == "yes")
        return queryset


class SignInProviderFilter(admin.SimpleListFilter):
    title = "signs in with"
    parameter_name = "provider"

    def lookups(self, request, model_admin):
        return (("google", "Google"), ("facebook", "Facebook"), ("linkedin", "LinkedIn"), ("password", "Password only"))

    def queryset(self, request, queryset):
        value = self.value()
        if value == "password":
            return queryset.filter(socialaccount__isnull=True)
        if value == "linkedin":
            return queryset.filter(socialaccount__provider__in=["linkedin", "openid_connect"]).distinct()
        if value:
            return queryset.filter(socialaccount__provider=value).distinct()
        return queryset


class EntitlementInline(admin.TabularInline):
    """What the user has paid for; grant and revoke from the Entitlements admin (or the action here)."""

    model = Entitlement
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ("plan", "source", "status", "features", "granted_at", "expires_at", "revoke_reason")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class SocialAccountInline(admin.TabularInline):
    model = SocialAccount
    extra = 0
    can_delete = False
    fields = ("provider", "uid", "last_login", "date_joined")
    readonly_fields = fields
    verbose_name = "sign-in provider"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "cv_count", "portfolio_count", "paid_access", "is_staff", "is_active",
                    "date_joined", "last_login"]
    list_filter = [PaidAccessFilter, SignInProviderFilter, "is_staff", "is_superuser", "is_active", "date_joined"]
    search_fields = ["email", "name", "phone", "location"]
    date_hierarchy = "date_joined"
    inlines = [SocialAccountInline, EntitlementInline]
    actions = ["grant_paid_access", "deactivate"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("name", "phone", "date_of_birth", "location")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            cv_count=Count("cv_jobs", distinct=True),
            portfolio_count=Count("portfolios", distinct=True),
            paid=Exists(Entitlement.objects.active().filter(user=OuterRef("pk"))),
        )

    @admin.display(description="CVs", ordering="cv_count")
    def cv_count(self, user):
        url = reverse("admin:cvs_extractionjob_changelist") + f"?owner__id__exact={user.pk}"
        return format_html('<a href="{}">{}</a>', url, user.cv_count)

    @admin.display(description="portfolios", ordering="portfolio_count")
    def portfolio_count(self, user):
        return user.portfolio_count

    @admin.display(description="paid", boolean=True, ordering="paid")
    def paid_access(self, user):
        return user.paid

    @admin.action(description="Grant paid access (every feature, no end date)")
    def grant_paid_access(self, request, queryset):
        for user in queryset:
            entitlement_grant(user=user, source=Entitlement.Source.ADMIN)
        messages.success(request, f"Granted paid access to {queryset.count()} user(s).")

    @admin.action(description="Deactivate (they can no longer sign in)")
    def deactivate(self, request, queryset):
        count = queryset.exclude(pk=request.user.pk).update(is_active=False)
        messages.success(request, f"Deactivated {count} user(s); their sessions stop working at once.")
