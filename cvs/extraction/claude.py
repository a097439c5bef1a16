"""Claude extractor: ONE tool-use call per document, its input schema generated from CVDocument.

On when ANTHROPIC_API_KEY is set. The fixed system prompt is marked for prompt caching,
temperature is 0 (where the model still accepts it), the tool is forced, and the SDK retries 429/5xx with backoff (honouring
retry-after). Calls go through the shared circuit breaker; any failure raises
`ClaudeUnavailable` so the caller falls back to the offline extractor. Whatever Claude
returns still goes through the same grounding as the offline result.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pybreaker
from django.conf import settings
from django.core.cache import cache

from cvs.breaker import claude_breaker
from cvs.extraction.schema import cv_document_json_schema

if TYPE_CHECKING:  # the SDK is slow to import: only the Claude path loads it
    import anthropic

TOOL_NAME = "record_cv"
IMAGE_MEDIA_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}
MAX_TEXT_CHARS = 60_000

SYSTEM_PROMPT = """You read one CV (résumé) and record its content with the record_cv tool.

Rules:
- Copy values exactly as they are written in the CV, in the CV's own language. Never invent,
  infer, translate, summarise or embellish. A field that is not in the CV stays null or empty.
- summary.summaryText is the person's own summary or profile paragraph, word for word; null
  when the CV has none. Never write a summary yourself.
- Dates are "YYYY-MM" when the month is known, else "YYYY". A range that runs to "Present",
  "now", "current" or similar has isCurrent true and endDate null.
- One experience item per position; responsibilitiesAndAchievements holds its bullet points,
  each copied as written. Education, projects, certifications, languages, courses, volunteer
  work, publications, talks and hobbies go into their own sections.
- Put skills into skillCategories when the CV groups them under a heading, otherwise into
  ungroupedSkills.
- contact.professionalLinks holds LinkedIn, GitHub, portfolio and other URLs found in the CV.
Call record_cv exactly once with the whole document."""


class ClaudeUnavailable(Exception):
    """Claude could not produce a usable result (breaker open, API error, unusable answer)."""


class ClaudeResponseError(ClaudeUnavailable):
    """Claude answered, but not with a complete record_cv call (counted by the breaker too)."""


@dataclass
class ClaudeResult:
    cv: dict
    usage: dict = field(default_factory=dict)


def claude_enabled() -> bool:
    return bool(settings.ANTHROPIC_API_KEY)


def _client() -> anthropic.Anthropic:
    import anthropic

    return anthropic.Anthropic(
        api_key=settings.ANTHROPIC_API_KEY,
        base_url=settings.ANTHROPIC_BASE_URL,
        timeout=settings.ANTHROPIC_TIMEOUT,
        max_retries=settings.ANTHROPIC_MAX_RETRIES,
    )


def tool_definition() -> dict:
    return {
        "name": TOOL_NAME,
        "description": "Record the content of the CV as structured data, copied exactly from the CV.",
        "input_schema": cv_document_json_schema(),
    }


def _user_content(*, text: str, data: bytes | None, file_type: str) -> list[dict]:
    if file_type in IMAGE_MEDIA_TYPES and data:
        return [
            {
                "type": "image",
                "source": {"type": "base64", "media_type": IMAGE_MEDIA_TYPES[file_type],
                           "data": base64.b64encode(data).decode()},
            },
            {"type": "text", "text": "This image is the CV. Record it with record_cv."},
        ]
    return [{"type": "text", "text": f"<cv>\n{text[:MAX_TEXT_CHARS]}\n</cv>\nRecord this CV with record_cv."}]


def _create(client: anthropic.Anthropic, **kwargs):
    """messages.create with temperature 0 (sent in the body: SDK 2.x no longer has the argument).

    Newer models refuse sampling parameters with a 400; then the call is repeated without
    it and the model is remembered, so later calls do not pay for the refusal again.
    """
    import anthropic

    model = kwargs["model"]
    no_temperature_key = f"claude:no-temperature:{model}"
    if cache.get(no_temperature_key):
        return client.messages.create(**kwargs)
    try:
        return client.messages.create(**kwargs, extra_body={"temperature": 0})
    except anthropic.BadRequestError as exc:
        if "temperature" not in str(exc).lower():
            raise
        cache.set(no_temperature_key, True, 24 * 3600)
        return client.messages.create(**kwargs)


def _request(*, text: str, data: bytes | None, file_type: str) -> ClaudeResult:
    message = _create(
        _client(),
        model=settings.ANTHROPIC_MODEL,
        max_tokens=settings.ANTHROPIC_MAX_TOKENS,
        system=[{"type": "text", "text": SYSTEM_PROMPT, "cache_control": {"type": "ephemeral"}}],
        tools=[tool_definition()],
        tool_choice={"type": "tool", "name": TOOL_NAME},
        messages=[{"role": "user", "content": _user_content(text=text, data=data, file_type=file_type)}],
    )
    if message.stop_reason == "max_tokens":
        raise ClaudeResponseError("Claude's answer was cut off (max_tokens) before the CV was complete")
    block = next((b for b in message.content if b.type == "tool_use" and b.name == TOOL_NAME), None)
    if block is None:
        raise ClaudeResponseError("Claude answered without calling record_cv")
    if not isinstance(block.input, dict):
        raise ClaudeResponseError("Claude's record_cv input is not a JSON object")
    usage = message.usage
    return ClaudeResult(
        cv=block.input,
        usage={
            "model": message.model,
            "input_tokens": usage.input_tokens,
            "output_tokens": usage.output_tokens,
            "cache_read_input_tokens": getattr(usage, "cache_read_input_tokens", None) or 0,
            "cache_creation_input_tokens": getattr(usage, "cache_creation_input_tokens", None) or 0,
        },
    )


def claude_extract(*, text: str, data: bytes | None = None, file_type: str = "txt") -> ClaudeResult:
    """The CV document as Claude reads it (not yet grounded), or ClaudeUnavailable."""
    if not claude_enabled():
        raise ClaudeUnavailable("Claude is not configured (no ANTHROPIC_API_KEY)")
    import anthropic

    try:
        return claude_breaker().call(_request, text=text, data=data, file_type=file_type)
    except pybreaker.CircuitBreakerError as exc:
        raise ClaudeUnavailable("Claude is paused after repeated failures (circuit breaker open)") from exc
    except ClaudeUnavailable:
        raise
    except anthropic.APIStatusError as exc:
        raise ClaudeUnavailable(f"Claude API error {exc.status_code}") from exc
    except anthropic.APITimeoutError as exc:
        raise ClaudeUnavailable("Claude API timed out") from exc
    except anthropic.APIConnectionError as exc:
        raise ClaudeUnavailable("Claude API could not be reached") from exc
    except (anthropic.APIError, ValueError) as exc:
        raise ClaudeUnavailable(f"Claude's answer could not be read ({type(exc).__name__})") from exc
