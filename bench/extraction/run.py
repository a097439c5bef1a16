#!/usr/bin/env python3
"""Extraction benchmark: accuracy of the offline extractor on the labelled corpus, and speed.

    .venv/bin/python bench/extraction/run.py [--quick]

Accuracy: field-level precision / recall / F1 per section and for the key fields, over
tests/corpus (files generated from known data, so the expected JSON is exact), and separately
over the real CVs (../shared/samples/real-pdfs, labelled by hand in tests/corpus/real, only the
fields listed in scoring.REAL_SCORED), per field. They were held out of the generated corpus; the
layout heuristics have since been improved by looking at them (general rules only), so read their
figures as a development set until more real CVs are labelled.
Speed: median and p95 ms per step (text, gate, sections, finalize) and for the whole offline
pipeline on the 2-page PDFs, with pdfplumber's bare page.extract_text() on the same files
beside it as the floor.
"""
from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"
SAMPLES = ROOT.parent / "shared" / "samples" / "real-pdfs"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

KEY_TARGET = 0.90
OVERALL_TARGET = 0.80
PIPELINE_TARGET_MS = 300.0


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resume2website.settings.test")
    import django

    django.setup()


def corpus() -> list[tuple[str, bytes, str, dict]]:
    """(name, file bytes, file type, expected CV) for every labelled CV."""
    out = []
    for path in sorted((CORPUS / "expected").glob("*.json")):
        label = json.loads(path.read_text(encoding="utf-8"))
        file = CORPUS / "files" / label["file"]
        file_type = file.suffix.lstrip(".").lower().replace("jpeg", "jpg")
        out.append((path.stem, file.read_bytes(), file_type, label["cv"]))
    return out


def real_corpus() -> list[tuple[str, bytes, str, dict]]:
    """(name, file bytes, file type, hand-made label) for every held-out real CV present in shared/."""
    out = []
    for path in sorted((CORPUS / "real").glob("*.json")):
        label = json.loads(path.read_text(encoding="utf-8"))
        file = SAMPLES / label["file"]
        if file.exists():
            out.append((path.stem, file.read_bytes(), "pdf", label["cv"]))
    return out


def accuracy(items=None, only: set | None = None) -> tuple[dict, list[dict]]:
    """Aggregated scores over the corpus (only those (section, field) pairs if given), and one row per file."""
    from bench.extraction.scoring import aggregate, compare, prf
    from cvs.extraction.pipeline import extract_offline

    all_counts, per_file = [], []
    for name, data, file_type, expected in items or corpus():
        result = extract_offline(data, file_type)
        counts = compare(expected, result.cv, only)
        all_counts.append(counts)
        tp = sum(c[0] for c in counts.values())
        f1 = prf(tp, sum(c[1] for c in counts.values()), sum(c[2] for c in counts.values()))[2]
        per_file.append({"name": name, "f1": f1, "gate": result.gate.score, "confidence": result.confidence,
                         "ms": result.timings_ms["total"]})
    return aggregate(all_counts), per_file


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    if not values:
        return 0.0
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def two_page_pdfs() -> list[tuple[str, bytes]]:
    import pypdfium2 as pdfium

    files = sorted((CORPUS / "files").glob("*.pdf")) + sorted(SAMPLES.glob("*.pdf"))
    out = []
    for path in files:
        data = path.read_bytes()
        pdf = pdfium.PdfDocument(data)
        pages = len(pdf)
        pdf.close()
        if pages == 2:
            out.append((path.name, data))
    return out


def speed(repeats: int) -> dict:
    import pdfplumber

    from cvs.extraction.pipeline import extract_offline

    files = two_page_pdfs()
    steps = {"text": [], "gate": [], "sections": [], "finalize": [], "total": []}
    floor = []
    extract_offline(files[0][1], "pdf")  # warm imports
    for _ in range(repeats):
        for _, data in files:
            result = extract_offline(data, "pdf")
            for key in steps:
                steps[key].append(result.timings_ms[key])
            t0 = time.perf_counter()
            with pdfplumber.open(__import__("io").BytesIO(data)) as pdf:
                for page in pdf.pages:
                    page.extract_text()
            floor.append((time.perf_counter() - t0) * 1000)
    return {"files": len(files), "steps": steps, "floor": floor}


def main(quick: bool = False) -> dict:
    _setup()
    scores, per_file = accuracy()
    rows = []
    for name, (p, r, f) in scores["key_fields"].items():
        rows.append({"metric": f"F1 {name} (P {p:.2f} / R {r:.2f})", "value": round(f, 3), "unit": "",
                     "floor": None, "target": f">= {KEY_TARGET}", "ok": f >= KEY_TARGET})
    p, r, f = scores["overall"]
    rows.append({"metric": f"F1 overall, {len(per_file)} CVs (P {p:.2f} / R {r:.2f})", "value": round(f, 3), "unit": "",
                 "floor": None, "target": f">= {OVERALL_TARGET}", "ok": f >= OVERALL_TARGET})
    for section, (p, r, f) in scores["sections"].items():
        rows.append({"metric": f"F1 section {section} (P {p:.2f} / R {r:.2f})", "value": round(f, 3), "unit": "",
                     "floor": None, "target": None, "ok": None})
    rows += real_rows()
    timing = speed(2 if quick else 5)
    floor_median = statistics.median(timing["floor"])
    for step, values in timing["steps"].items():
        label = "whole offline pipeline" if step == "total" else f"step {step}"
        rows.append({"metric": f"{label}, 2-page PDF median ({timing['files']} files)", "value": round(statistics.median(values), 1),
                     "unit": "ms", "floor": round(floor_median, 1) if step in ("text", "total") else None,
                     "target": f"<= {PIPELINE_TARGET_MS:.0f}" if step == "total" else None,
                     "ok": statistics.median(values) <= PIPELINE_TARGET_MS if step == "total" else None})
        rows.append({"metric": f"{label}, 2-page PDF p95", "value": round(_pct(values, 0.95), 1), "unit": "ms",
                     "floor": round(_pct(timing["floor"], 0.95), 1) if step in ("text", "total") else None, "target": None, "ok": None})
    return {"title": "Extraction: offline accuracy on the labelled corpus, and speed (floor: pdfplumber extract_text)",
            "rows": rows, "per_file": per_file}


def real_accuracy() -> tuple[dict, list[dict]]:
    from bench.extraction.scoring import REAL_SCORED

    items = real_corpus()
    return accuracy(items, REAL_SCORED) if items else ({}, [])


def real_rows() -> list[dict]:
    """Held-out real CVs: per key field and per labelled field, reported apart from the generated corpus."""
    scores, per_file = real_accuracy()
    if not per_file:
        return [{"metric": "held-out real CVs: samples not found", "value": "-", "unit": "", "floor": None,
                 "target": None, "ok": None}]
    rows = []
    for name, (p, r, f) in scores["key_fields"].items():
        rows.append({"metric": f"REAL F1 {name} (P {p:.2f} / R {r:.2f})", "value": round(f, 3), "unit": "",
                     "floor": None, "target": None, "ok": None})
    for field, (p, r, f) in sorted(scores["fields"].items()):
        rows.append({"metric": f"REAL F1 field {field} (P {p:.2f} / R {r:.2f})", "value": round(f, 3), "unit": "",
                     "floor": None, "target": None, "ok": None})
    p, r, f = scores["overall"]
    rows.append({"metric": f"REAL F1 overall, {len(per_file)} held-out CVs (P {p:.2f} / R {r:.2f})", "value": round(f, 3),
                 "unit": "", "floor": None, "target": None, "ok": None})
    return rows


def print_table(result: dict) -> None:
    print(result["title"])
    print(f"{'metric':66s} {'value':>9s} {'unit':4s} {'floor':>8s} {'target':>9s}  ok")
    for row in result["rows"]:
        floor = "" if row["floor"] is None else str(row["floor"])
        ok = "" if row["ok"] is None else ("yes" if row["ok"] else "NO")
        print(f"{row['metric']:66s} {row['value']!s:>9s} {row['unit']:4s} {floor:>8s} {row['target'] or '':>9s}  {ok}")


if __name__ == "__main__":
    outcome = main(quick="--quick" in sys.argv)
    print_table(outcome)
    if "--real" in sys.argv:
        for row in sorted(real_accuracy()[1], key=lambda r: r["f1"]):
            print(f"  real {row['name']:35s} F1 {row['f1']:.2f}  gate {row['gate']:3d}  conf {row['confidence']:.2f}  {row['ms']:.0f} ms")
    if "--files" in sys.argv:
        for row in sorted(outcome["per_file"], key=lambda r: r["f1"]):
            print(f"  {row['name']:40s} F1 {row['f1']:.2f}  gate {row['gate']:3d}  conf {row['confidence']:.2f}  {row['ms']:.0f} ms")
