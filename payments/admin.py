from django import forms
from django.contrib import admin, messages

from payments.models import FEATURE_CHOICES, CheckoutSession, Entitlement, Plan, StripeCustomer, WebhookEvent
from payments.services import entitlement_grant, entitlement_restore, entitlement_revoke


class PlanAdminForm(forms.ModelForm):
    features = forms.MultipleChoiceField(choices=FEATURE_CHOICES, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Plan
        fields = "__all__"


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    form = PlanAdminForm
    list_display = ("name", "code", "kind", "interval", "price_amount", "currency", "active", "position")
    list_editable = ("active", "position")
    list_filter = ("active", "kind")
    search_fields = ("code", "name", "stripe_price_id")
    prepopulated_fields = {"code": ("name",)}


class EntitlementGrantForm(forms.ModelForm):
    """An operator's grant: who, which plan (or every feature), until when."""

    features = forms.MultipleChoiceField(
        choices=FEATURE_CHOICES, widget=forms.CheckboxSelectMultiple, required=False,
        help_text="Leave empty to grant the plan's features (or every feature without a plan).",
    )

    class Meta:
        model = Entitlement
        fields = ("user", "plan", "features", "expires_at")


@admin.register(Entitlement)
class EntitlementAdmin(admin.ModelAdmin):
    list_display = ("user", "plan", "source", "status", "granted_at", "expires_at", "revoke_reason")
    list_filter = ("status", "source", "plan")
    search_fields = ("user__email", "user__name", "reference")
    raw_id_fields = ("user",)
    date_hierarchy = "granted_at"
    actions = ("revoke_selected", "restore_selected")
    readonly_fields = (
        "user", "plan", "source", "reference", "features", "status", "granted_at", "expires_at", "revoked_at",
        "revoke_reason", "last_event_at", "updated_at",
    )

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = EntitlementGrantForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ()

    def get_fields(self, request, obj=None):
        return EntitlementGrantForm.Meta.fields if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            return
        data = form.cleaned_data
        granted = entitlement_grant(
            user=data["user"], source=Entitlement.Source.ADMIN, plan=data["plan"],
            features=data["features"] or None, expires_at=data["expires_at"],
        )
        obj.pk = granted.pk
        obj._state.adding = False

    @admin.action(description="Revoke access")
    def revoke_selected(self, request, queryset):
        for entitlement in queryset:
            entitlement_revoke(entitlement=entitlement, reason=f"Revoked by {request.user.email}")
        messages.success(request, f"Revoked {queryset.count()} entitlement(s).")

    @admin.action(description="Restore access")
    def restore_selected(self, request, queryset):
        for entitlement in queryset:
            entitlement_restore(entitlement=entitlement)
        messages.success(request, f"Restored {queryset.count()} entitlement(s).")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records of what Stripe said: for looking, never for editing."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CheckoutSession)
class CheckoutSessionAdmin(ReadOnlyAdmin):
    list_display = ("session_id", "user", "plan", "status", "payment_status", "amount_total", "currency", "created_at")
    list_filter = ("status", "payment_status", "plan")
    search_fields = ("session_id", "user__email", "customer_id", "payment_intent_id", "subscription_id")
    date_hierarchy = "created_at"


@admin.register(WebhookEvent)
class WebhookEventAdmin(ReadOnlyAdmin):
    list_display = ("event_id", "type", "outcome", "note", "stripe_created", "received_at")
    list_filter = ("outcome", "type", "livemode")
    search_fields = ("event_id", "object_id", "payment_intent_id", "note")
    date_hierarchy = "received_at"


@admin.register(StripeCustomer)
class StripeCustomerAdmin(ReadOnlyAdmin):
    list_display = ("customer_id", "user", "created_at")
    search_fields = ("customer_id", "user__email")
