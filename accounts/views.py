"""Signed-in pages: the dashboard (CVs and portfolios) and the account page (profile, entitlements)."""
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts import selectors, services
from resume2website.errors import ApplicationError


class ProfileForm(forms.Form):
    name = forms.CharField(max_length=200, required=False)
    phone = forms.CharField(max_length=40, required=False)
    location = forms.CharField(max_length=200, required=False)
    date_of_birth = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))


@login_required
def dashboard(request):
    from cvs.selectors import cv_list_for_user
    from payments.selectors import entitlement_active
    from portfolios.selectors import portfolio_list

    return render(request, "accounts/dashboard.html", {
        "cvs": cv_list_for_user(user=request.user)[:50],
        "portfolios": portfolio_list(user=request.user),
        "can_publish": entitlement_active(user=request.user, feature="publish"),
    })


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    from payments.selectors import active_features, entitlement_list

    user = request.user
    form = ProfileForm(request.POST or None, initial={
        "name": user.name, "phone": user.phone, "location": user.location, "date_of_birth": user.date_of_birth,
    })
    if request.method == "POST" and form.is_valid():
        try:
            services.user_profile_update(user=user, fields=set(form.cleaned_data), **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.detail)
        else:
            messages.success(request, "Profile saved.")
            return redirect("account")
    return render(request, "accounts/account.html", {
        "form": form,
        "entitlements": entitlement_list(user=user),
        "features": active_features(user=user),
        "summary": selectors.user_summary(user=user),
    }, status=400 if form.errors else 200)
