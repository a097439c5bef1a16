"""The offline pipeline in one call: text -> Resume Gate -> sections -> finalize.

Used by the `extract_cv` command, the benchmark and the worker's offline path.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from .gate import GateResult, resume_gate_score
from .postprocess import finalize
from .sections import extract_sections
from .text import TextDocument, extract_text


@dataclass
class PipelineResult:
    cv: dict
    confidence: float
    section_confidence: dict[str, float]
    gate: GateResult
    dropped: list[dict] = field(default_factory=list)
    timings_ms: dict = field(default_factory=dict)
    document: TextDocument | None = None


def extract_offline(data: bytes, file_type: str) -> PipelineResult:
    """Read a CV file with the offline extractor. Raises TextExtractionError for unreadable files;
    the gate result is returned (not enforced) so callers decide what a low score means."""
    timings = {}
    t0 = time.perf_counter()
    document = extract_text(data, file_type)
    t1 = time.perf_counter()
    gate = resume_gate_score(document.text)
    t2 = time.perf_counter()
    raw = extract_sections(document)
    t3 = time.perf_counter()
    final = finalize(raw, document.text)
    t4 = time.perf_counter()
    timings = {
        "text": round((t1 - t0) * 1000, 2),
        "gate": round((t2 - t1) * 1000, 2),
        "sections": round((t3 - t2) * 1000, 2),
        "finalize": round((t4 - t3) * 1000, 2),
        "total": round((t4 - t0) * 1000, 2),
    }
    return PipelineResult(
        cv=final.cv, confidence=final.confidence, section_confidence=final.section_confidence, gate=gate,
        dropped=final.dropped, timings_ms=timings, document=document,
    )
