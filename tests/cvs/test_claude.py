"""The Claude extractor through the real anthropic SDK against the fake Messages API."""
import pytest

from cvs.extraction import claude
from cvs.extraction.schema import cv_document_json_schema
from cvs.models import ExtractionJob
from tests.cvs import files
from tests.fakes.anthropic import INVENTED_SKILL


def _job(client, upload, name="cv.pdf", data=None) -> ExtractionJob:
    response = upload(client, name=name, data=data)
    assert response.status_code == 201, response.json()
    return ExtractionJob.objects.get(pk=response.json()["job_id"])


def test_one_forced_tool_call_with_the_schema_temperature_zero_and_a_cached_prompt(alice_client, upload,
                                                                                   fake_anthropic, settings):
    job = _job(alice_client, upload)

    assert len(fake_anthropic.requests) == 1
    request = fake_anthropic.requests[0]
    assert request["model"] == settings.ANTHROPIC_MODEL and request["temperature"] == 0
    assert request["tools"][0]["input_schema"] == cv_document_json_schema()
    assert request["tool_choice"] == {"type": "tool", "name": "record_cv"}
    assert request["system"][0]["cache_control"] == {"type": "ephemeral"}
    assert "Maria Jensen" in request["messages"][0]["content"][0]["text"]
    headers = fake_anthropic.headers[0]
    assert "sk-ant-test" in (headers.get("x-api-key"), headers.get("authorization", "").removeprefix("Bearer "))

    assert job.status == ExtractionJob.Status.DONE and job.extractor == "claude"
    assert job.cv_data["hero"]["fullName"] == "Maria Jensen"
    assert job.cv_data["contact"]["email"] == "maria.jensen@example.com"
    assert job.stats["claude"]["input_tokens"] == 900


def test_what_claude_invents_is_dropped_by_grounding(alice_client, upload, fake_anthropic):
    job = _job(alice_client, upload)

    skills = job.cv_data["skills"]["ungroupedSkills"]
    assert "Python" in skills and INVENTED_SKILL not in skills
    assert job.stats["dropped"] >= 1


def test_a_429_with_retry_after_is_retried_and_then_succeeds(alice_client, upload, fake_anthropic):
    fake_anthropic.script("429", "ok")

    job = _job(alice_client, upload)

    assert len(fake_anthropic.requests) == 2
    assert job.extractor == "claude" and "fallback_reason" not in job.stats


@pytest.mark.parametrize(("behaviours", "reason"), [
    (("500", "500", "500"), "Claude API error 500"),
    (("529", "529", "529"), "Claude API error 529"),
    (("malformed",), "could not be read"),
    (("truncated",), "cut off"),
    (("no_tool",), "without calling record_cv"),
])
def test_failures_fall_back_to_the_offline_extractor_never_to_empty_data(alice_client, upload, fake_anthropic,
                                                                        behaviours, reason):
    fake_anthropic.script(*behaviours)

    job = _job(alice_client, upload)

    assert job.status == ExtractionJob.Status.DONE and job.extractor == "offline"
    assert reason in job.stats["fallback_reason"]
    assert job.cv_data["hero"]["fullName"] == "Maria Jensen"


def test_a_timeout_falls_back_after_the_retries(alice_client, upload, fake_anthropic, settings):
    settings.ANTHROPIC_TIMEOUT = 0.3
    settings.ANTHROPIC_MAX_RETRIES = 1
    fake_anthropic.delay = 1.0
    fake_anthropic.script("timeout", "timeout")

    job = _job(alice_client, upload)

    assert job.extractor == "offline" and job.stats["fallback_reason"] == "Claude API timed out"


def test_image_cvs_go_to_claude_vision_and_are_grounded_on_the_ocr_text(alice_client, upload, fake_anthropic):
    fake_anthropic.image_document = {
        "hero": {"fullName": "Maria Jensen", "professionalTitle": "Senior Data Engineer"},
        "contact": {"email": "maria.jensen@example.com"},
        "summary": {"summaryText": "A visionary leader with twenty years at NASA."},
    }

    job = _job(alice_client, upload, name="scan.png", data=files.make_image("PNG"))

    content = fake_anthropic.requests[0]["messages"][0]["content"]
    assert content[0]["type"] == "image" and content[0]["source"]["media_type"] == "image/png"
    assert job.status == ExtractionJob.Status.DONE and job.extractor == "claude"
    assert job.cv_data["hero"]["fullName"] == "Maria Jensen"
    assert job.cv_data["summary"] is None or "NASA" not in (job.cv_data["summary"]["summaryText"] or "")


def test_without_a_key_claude_is_never_called(alice_client, upload, fake_anthropic, settings):
    settings.ANTHROPIC_API_KEY = ""

    job = _job(alice_client, upload)

    assert fake_anthropic.requests == [] and job.extractor == "offline"
    assert claude.claude_enabled() is False


def test_a_model_that_refuses_temperature_is_asked_again_without_it(alice_client, upload, fake_anthropic):
    fake_anthropic.default = "no_temperature"

    first = _job(alice_client, upload)
    second = _job(alice_client, upload, name="again.txt", data=files.make_txt())

    assert [("temperature" in r) for r in fake_anthropic.requests] == [True, False, False]
    assert first.extractor == second.extractor == "claude"
