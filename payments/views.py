"""Pricing, checkout and the payment result page.

Returning from Stripe grants nothing: the result page waits until Stripe's signed webhook has
created the entitlement, and says so while it waits.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from payments import selectors, services
from resume2website.errors import ApplicationError, NotFound


CURRENCY_SYMBOLS = {"usd": "$", "eur": "€", "gbp": "£"}


def price_label(plan) -> str:
    """"$49", "$9.50", "1 200 SEK": the amount in major units, cents only when there are some."""
    major, cents = divmod(plan.price_amount, 100)
    amount = f"{major:,}" + (f".{cents:02d}" if cents else "")
    symbol = CURRENCY_SYMBOLS.get(plan.currency)
    return f"{symbol}{amount}" if symbol else f"{amount} {plan.currency.upper()}"


@require_GET
def pricing(request):
    return render(request, "payments/pricing.html", {
        "plans": [{"plan": plan, "price": price_label(plan)} for plan in selectors.plan_list()],
        "configured": selectors.payments_configured(),
        "features": selectors.active_features(user=request.user),
        "cancelled": request.GET.get("checkout") == "cancelled",
    })


@login_required
@require_POST
def checkout(request):
    if not selectors.payments_configured():
        messages.error(request, "Payments are not configured on this server yet, so nothing can be bought.")
        return redirect("pricing")
    try:
        start = services.checkout_session_create(
            user=request.user,
            plan_code=request.POST.get("plan", ""),
            ui_mode="hosted",
            idempotency_key=request.POST.get("attempt", ""),
        )
    except ApplicationError as exc:
        messages.error(request, exc.detail)
        return redirect("pricing")
    return redirect(start.url)


def _session_or_404(request):
    try:
        return selectors.get_checkout_session_for_user(user=request.user, session_id=request.GET.get("session_id", ""))
    except NotFound as exc:
        raise Http404(exc.detail) from exc


@login_required
@require_GET
def payment_result(request):
    """The page Stripe sends the buyer back to; the status part refreshes itself until the webhook lands."""
    session = _session_or_404(request)
    granted = all(selectors.entitlement_active(user=request.user, feature=f) for f in session.plan.features)
    template = "payments/result_status.html" if request.htmx else "payments/result.html"
    return render(request, template, {"session": session, "granted": granted})
