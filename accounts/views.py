"""Signed-in pages: the dashboard (CVs and portfolios) and the account page (profile, entitlements)."""
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import selectors, services
from resume2website.errors import ApplicationError, NotFound


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


def _portfolio_or_404(request, portfolio_id):
    from portfolios.selectors import get_portfolio_for_user

    try:
        return get_portfolio_for_user(user=request.user, portfolio_id=portfolio_id)
    except NotFound as exc:
        raise Http404(exc.detail) from exc


def _portfolio_page(request, portfolio, *, checks=None, status=200):
    from payments.selectors import entitlement_active
    from portfolios.selectors import public_url
    from portfolios.services import domain_records

    hero = (portfolio.job.cv_data or {}).get("hero") or {}
    return render(request, "accounts/portfolio.html", {
        "portfolio": portfolio,
        "public_url": public_url(portfolio) if portfolio.slug else None,
        "suggested_slug": portfolio.slug or slugify(hero.get("fullName") or "")[:63],
        "can_publish": entitlement_active(user=request.user, feature="publish"),
        "can_use_domain": entitlement_active(user=request.user, feature="custom_domain"),
        "records": domain_records(portfolio) if portfolio.domain else [],
        "checks": checks,
    }, status=status)


@login_required
@require_GET
def portfolio_manage(request, portfolio_id):
    """One website: preview, publish at its own address, custom domain with DNS records and verification."""
    return _portfolio_page(request, _portfolio_or_404(request, portfolio_id))


@login_required
@require_POST
def portfolio_action(request, portfolio_id, action):
    """Publish, connect a domain, verify it, or delete the site; errors come back on the same page."""
    from portfolios import services as portfolio_services

    portfolio = _portfolio_or_404(request, portfolio_id)
    user = request.user
    try:
        if action == "publish":
            portfolio_services.portfolio_deploy(portfolio=portfolio, user=user, slug=request.POST.get("slug") or None)
            messages.success(request, "Your website is published.")
        elif action == "domain":
            portfolio_services.portfolio_domain_setup(portfolio=portfolio, user=user,
                                                      domain=request.POST.get("domain", ""))
            messages.success(request, "Domain added. Create the DNS records below, then verify.")
        elif action == "verify":
            portfolio, checks = portfolio_services.portfolio_domain_verify(portfolio=portfolio)
            return _portfolio_page(request, portfolio, checks=checks)
        elif action == "delete":
            portfolio_services.portfolio_delete(portfolio=portfolio)
            messages.success(request, "Website deleted.")
            return redirect("dashboard")
        else:
            raise Http404("Unknown action.")
    except ApplicationError as exc:
        messages.error(request, exc.detail)
        portfolio.refresh_from_db()
        return _portfolio_page(request, portfolio, status=exc.status_code)
    return redirect("portfolio_manage", portfolio_id=portfolio.id)
