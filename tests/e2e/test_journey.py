"""The whole journey in Chromium against the running app: land, upload, sign up, live progress,
edit, theme, preview, pay (fake Stripe's hosted page and signed webhook), publish, visit the site.
"""
import json
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SAMPLES

pytestmark = pytest.mark.e2e

SAMPLE = SAMPLES / "bjherger_john_smith.pdf"
PASSWORD = "correct horse battery 42"
DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}
NEW_TITLE = "Staff Platform Engineer"
# Real work (extraction, builds) runs in the worker; on a busy machine it takes seconds.
expect.set_options(timeout=45_000)


def _shot(screenshot, page, name, suffix, *, full_page=True):
    screenshot(page, name + suffix, full_page=full_page)


def exercise_reorder_undo_and_json_resume(page, tmp_path) -> str:
    """Move an item down (saved), undo by restoring the version before, export and re-import as JSON Resume."""
    save_state = page.locator("[data-save-state]")
    titles = page.locator('[data-list="experience.experienceItems"] > .ed-item .title')
    first = titles.first.inner_text()
    page.get_by_role("button", name="Move position down").first.click()
    expect(save_state).to_contain_text("version 3")
    expect(titles.nth(1)).to_have_text(first)
    page.locator('[data-version="2"] button').click()
    expect(save_state).to_contain_text("Restored version 2 · now version 4")
    expect(titles.first).to_have_text(first)

    with page.expect_download() as download:
        page.click("[data-export]")
    exported = json.loads(Path(download.value.path()).read_text())
    assert exported["basics"]["label"] == NEW_TITLE
    exported["basics"]["name"] = "John Q. Smith"
    edited = tmp_path / "resume.json"
    edited.write_text(json.dumps(exported))
    page.set_input_files("[data-import]", str(edited))
    expect(save_state).to_contain_text("Imported resume.json · version 5")
    expect(page.locator('[data-path="hero.fullName"]')).to_have_value("John Q. Smith")
    return "John Q. Smith"


def run_journey(live_app, browser, screenshot, tmp_path, *, viewport: dict, suffix: str = "",
                exercise_editor: bool = False):
    context = browser.new_context(viewport=viewport, base_url=live_app.url)
    context.set_default_timeout(30_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    # Land and upload: the upload box shows the Resume Gate's verdict at once.
    page.goto("/")
    expect(page.get_by_role("heading", name=re.compile("Your CV, turned into"))).to_be_visible()
    _shot(screenshot, page, "01-landing", suffix)
    page.set_input_files("#cv-file", str(SAMPLE))
    passed = page.locator("[data-gate-passed]")
    expect(passed).to_contain_text("passed the resume check")
    expect(page.locator("[role=progressbar][aria-valuenow='100']")).to_have_count(0)  # replaced by the verdict
    _shot(screenshot, page, "02-upload-gate-passed", suffix)

    # Sign up: the CV is claimed and read without uploading it again.
    page.click("[data-upload-next]")
    expect(page.get_by_text(f"Your CV “{SAMPLE.name}” is ready to go.")).to_be_visible()
    _shot(screenshot, page, "03-signup", suffix)
    page.fill("#id_email", f"e2e-{uuid.uuid4().hex[:8]}@example.com")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    # The first stream connection drops: the page must reconnect and miss nothing.
    stream_calls = []

    def drop_first_stream(route):
        stream_calls.append(route.request.url)
        route.abort() if len(stream_calls) == 1 else route.continue_()

    page.route(re.compile(r"/api/v1/sse/cv/extract-streaming/"), drop_first_stream)
    page.get_by_role("button", name="Create account").click()

    # Live progress from the SSE stream, ending with the link to the editor.
    expect(page).to_have_url(re.compile(r"/cv/[0-9a-f-]{36}/$"))
    job_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    expect(page.locator("[data-progress-actions]")).to_be_visible()
    expect(page.locator("[data-progress-percent]")).to_have_text("100")
    expect(page.locator(".step-list li.ev-complete")).to_have_count(1)
    ids = [int(i) for i in page.locator(".step-list li").evaluate_all("els => els.map(e => e.dataset.eventId)")]
    assert len(ids) >= 4 and ids == list(range(1, len(ids) + 1)), ids  # every event once, in order
    if stream_calls:  # the job was still running when the page opened
        assert len(stream_calls) >= 2, stream_calls
    _shot(screenshot, page, "04-live-progress", suffix)

    # Edit: a bad date gets its message inline, then a good edit autosaves as version 2.
    page.click("[data-review]")
    title = page.locator('[data-path="hero.professionalTitle"]')
    expect(title).to_be_visible()
    page.click('[data-add="experience.experienceItems"]')
    items = page.locator('[data-list="experience.experienceItems"] > .ed-item')
    last = items.count() - 1
    start = page.locator(f'[data-path="experience.experienceItems.{last}.dateRange.startDate"]')
    start.fill("spring 2020")
    error = page.locator(f'[data-error-for="experience.experienceItems.{last}.dateRange.startDate"]')
    expect(error).to_have_text('Dates are "YYYY-MM" or "YYYY"')
    expect(page.locator("[data-save-state]")).to_have_text("1 field needs attention — not saved yet.")
    error.evaluate("node => node.scrollIntoView({block: 'center'})")
    _shot(screenshot, page, "05-editor-inline-error", suffix, full_page=False)
    page.locator(f'.ed-item[data-item="experience.experienceItems.{last}"] button', has_text="Remove").click()
    title.fill(NEW_TITLE)
    expect(page.locator("[data-save-state]")).to_have_text(re.compile(r"All changes saved · version \d+"))
    expect(error).to_have_count(0)
    expect(page.locator("[data-versions] li")).to_have_count(2)
    page.evaluate("window.scrollTo(0, 0)")
    _shot(screenshot, page, "06-editor", suffix, full_page=False)
    full_name = "John Smith"
    if exercise_editor:
        full_name = exercise_reorder_undo_and_json_resume(page, tmp_path)

    # Theme: the preview shows the edit; phone and desktop widths.
    page.locator(".savebar").get_by_role("link", name="Pick a design →").click()
    page.locator('[data-theme="developer"]').click()
    page.click("[data-use-theme]")
    expect(page.locator("#preview-frame")).to_be_visible()
    preview = page.frame_locator("#preview-frame")
    expect(preview.locator("body")).to_contain_text(NEW_TITLE)
    expect(page.locator("[data-build-watch] [data-status]")).to_have_attribute("data-status", "ready")
    _shot(screenshot, page, "07-themes-preview", suffix)
    page.get_by_role("button", name="Phone").click()
    expect(page.locator("#preview-frame.is-phone")).to_be_visible()
    page.locator("[data-build-watch]").scroll_into_view_if_needed()
    _shot(screenshot, page, "08-preview-phone", suffix, full_page=False)

    # Pay on the fake Stripe's hosted page; the result page waits for the signed webhook.
    page.goto("/pricing/")
    _shot(screenshot, page, "09-pricing", suffix)
    page.locator('[data-plan="lifetime"]').get_by_role("button").click()
    expect(page).to_have_url(re.compile(re.escape(live_app.stripe.base_url) + "/c/pay/"))
    page.get_by_role("button", name="Pay").click()
    expect(page).to_have_url(re.compile(r"/payments/result/\?session_id="))
    expect(page.get_by_role("heading", name="You're all set")).to_be_visible()
    _shot(screenshot, page, "10-payment-result", suffix)
    assert live_app.stripe.deliveries, "the fake Stripe sent no webhook"

    # Publish from the dashboard, then visit the public site.
    page.get_by_role("link", name="Go to your dashboard").click()
    expect(page.locator("[data-portfolio]")).to_have_count(1)
    _shot(screenshot, page, "11-dashboard", suffix)
    page.locator("[data-portfolio]").get_by_role("link", name="Publish").click()
    slug = f"john-smith-{uuid.uuid4().hex[:6]}"
    page.fill("#slug", slug)
    page.click("[data-publish]")
    expect(page.locator("[data-published]")).to_contain_text(f"/s/{slug}/")
    _shot(screenshot, page, "12-published", suffix)
    page.goto(f"/s/{slug}/")
    expect(page.locator("body")).to_contain_text(NEW_TITLE)
    expect(page.locator("body")).to_contain_text(full_name)
    _shot(screenshot, page, "13-public-site", suffix)

    if exercise_editor:
        # Editing the CV republishes the site.
        page.goto(f"/cv/{job_id}/edit/")
        page.fill('[data-path="hero.professionalTitle"]', "Principal Platform Engineer")
        expect(page.locator("[data-save-state]")).to_contain_text("All changes saved")
        for _ in range(60):
            page.goto(f"/s/{slug}/")
            if "Principal Platform Engineer" in page.locator("body").inner_text():
                break
            page.wait_for_timeout(500)
        expect(page.locator("body")).to_contain_text("Principal Platform Engineer")

    page.goto("/account/")
    expect(page.locator('[data-entitlement="active"]')).to_have_count(1)
    _shot(screenshot, page, "14-account", suffix)
    page.get_by_role("link", name="Change password").click()
    expect(page.get_by_role("heading", name="Change Password")).to_be_visible()
    _shot(screenshot, page, "20-change-password", suffix)
    assert not errors, errors
    context.close()
    return job_id


def test_whole_journey_on_desktop(live_app, browser, screenshot, tmp_path):
    run_journey(live_app, browser, screenshot, tmp_path, viewport=DESKTOP, exercise_editor=True)


def test_whole_journey_on_a_phone(live_app, browser, screenshot, tmp_path):
    run_journey(live_app, browser, screenshot, tmp_path, viewport=PHONE, suffix="-phone")


def test_refused_upload_shows_the_reason_and_what_to_do(live_app, browser, screenshot, tmp_path):
    not_a_cv = tmp_path / "shopping-list.txt"
    not_a_cv.write_text(
        "Grandma's apple crumble\n\nPeel and slice six apples and lay them in a buttered dish with a spoon of "
        "sugar and a pinch of cinnamon. Rub cold butter into flour and oats until it looks like breadcrumbs, "
        "stir in brown sugar, and scatter it over the fruit. Bake for forty minutes until golden and bubbling. "
        "Serve warm with custard or vanilla ice cream. It keeps for two days in the fridge and reheats well.\n")
    context = browser.new_context(viewport=DESKTOP, base_url=live_app.url)
    page = context.new_page()
    page.goto("/")
    page.set_input_files("#cv-file", str(not_a_cv))
    refusal = page.locator("[data-upload-error]")
    expect(refusal).to_contain_text("What to do:")
    expect(page.locator(".score.is-low")).to_be_visible()
    screenshot(page, "15-upload-refused")
    context.close()


def test_error_pages_share_the_design(live_app, browser, screenshot):
    context = browser.new_context(viewport=DESKTOP, base_url=live_app.url)
    page = context.new_page()
    response = page.goto("/this-page-does-not-exist/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    screenshot(page, "16-not-found")
    page.goto("/accounts/login/")
    screenshot(page, "17-login")
    context.close()
    dark = browser.new_context(viewport=DESKTOP, base_url=live_app.url, color_scheme="dark")
    page = dark.new_page()
    page.goto("/")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(13, 17, 23)"
    screenshot(page, "18-landing-dark")
    page.goto("/pricing/")
    screenshot(page, "19-pricing-dark")
    dark.close()
