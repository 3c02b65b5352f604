"""The machine, the targets of issue 8 (met or missed), and the table people read."""

from __future__ import annotations

import os
import platform
import sys
from typing import Any

TARGETS = (
    # key, text, how to read it from the results (None: not measured)
    ("load_100k", "100k articles loaded end to end in under 10 min (local server)"),
    ("growth", "growth ratio 100k/10k of the whole load at most 12"),
    ("trace_p95", "trace p95 under 50 ms (largest graph)"),
    ("api", "API at least 500 requests/s"),
    ("family_f1", "family F1 at least 0.95 (largest corpus)"),
    ("source_accuracy", "source accuracy at least 0.85 (largest corpus)"),
)


def machine(server: str) -> dict[str, Any]:
    model, mem = None, None
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            model = next((ln.split(":", 1)[1].strip() for ln in f
                          if ln.startswith("model name")), None)
        with open("/proc/meminfo", encoding="utf-8") as f:
            kib = int(next(ln for ln in f if ln.startswith("MemTotal")).split()[1])
            mem = round(kib / 2**20, 1)
    except OSError:
        pass
    return {"cores": os.cpu_count(), "cpu": model or platform.processor(), "ram_gib": mem,
            "python": sys.version.split()[0], "platform": platform.platform(),
            "server": server}


def _growth(sizes: dict[int, dict], key: str) -> dict[str, Any] | None:
    ns = sorted(sizes)
    if len(ns) < 2:
        return None
    small = 10_000 if 10_000 in sizes and ns[-1] > 10_000 else ns[-2]
    big = ns[-1]

    def ratio(f: dict) -> float:
        return f["load_s"] if key == "load" else f["stages_s"]["link"]

    return {"sizes": f"{big}/{small}", "ratio": round(ratio(sizes[big]) / ratio(sizes[small]), 2),
            "linear": round(big / small, 2)}


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    sizes = {int(k): v for k, v in result["sizes"].items()}
    largest = sizes[max(sizes)]
    local = result["machine"]["server"] == "local"
    out = []
    for key, text in TARGETS:
        value, met, note = None, None, ""
        if key == "load_100k" and 100_000 in sizes and local:
            value = sizes[100_000]["load_s"]
            met = value < 600
        elif key == "load_100k":
            note = "not measured: needs the 100k size on the local server"
        elif key == "growth" and (g := result.get("growth", {}).get("load")):
            value = g["ratio"]
            limit = 12 if g["sizes"] == "100000/10000" else 1.2 * g["linear"]
            met = value <= limit
            note = f"{g['sizes']}" + ("" if limit == 12 else f", scaled limit {limit:.1f}")
        elif key == "trace_p95":
            value = largest["trace"]["p95_ms"]
            met = value < 50
        elif key == "api":
            api = result.get("api", {})
            value = api.get("requests_per_s")
            met = None if value is None else value >= 500
            note = api.get("skipped", "")
        elif key == "family_f1":
            value = largest["accuracy"]["family_f1"]
            met = value >= 0.95
        elif key == "source_accuracy":
            value = largest["accuracy"]["source_accuracy"]
            met = None if value is None else value >= 0.85
        out.append({"target": text, "value": value, "met": met, "note": note})
    return out


def table(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [f"machine: {m['cores']} cores, {m['cpu']}, {m['ram_gib']} GiB RAM, "
             f"Python {m['python']}, server: {m['server']}", ""]
    head = (f"{'size':>7} {'docs/s':>7} {'quotes/s':>8} {'load s':>8} {'read':>6} "
            f"{'extract':>8} {'write':>8} {'link':>8} {'base s':>7} {'store x':>7} "
            f"{'RSS MiB':>8} {'srv MiB':>8} {'trace p95':>9} {'F1':>6} {'mut':>6} {'src':>6}")
    lines.append(head)
    for n, f in sorted(result["sizes"].items(), key=lambda kv: int(kv[0])):
        s, a = f["stages_s"], f["accuracy"]
        lines.append(
            f"{n:>7} {f['articles_per_s']:>7.1f} {f['quotes_per_s']:>8.1f} {f['load_s']:>8.1f} "
            f"{s['read']:>6.1f} {s['extract']:>8.1f} {s['write']:>8.1f} {s['link']:>8.1f} "
            f"{f['baseline_s']:>7.1f} {f['store_vs_baseline']:>7.2f} {f['peak_rss_mib']:>8.0f} "
            f"{f.get('server_peak_rss_mib', 0):>8.0f} {f['trace']['p95_ms']:>9.1f} "
            f"{a['family_f1']:>6.3f} {a['mutation_accuracy'] or 0:>6.3f} "
            f"{a['source_accuracy'] or 0:>6.3f}")
    for key, g in result.get("growth", {}).items():
        if g:
            lines.append(f"growth {key} {g['sizes']}: {g['ratio']}x (linear {g['linear']}x)")
    api = result.get("api", {})
    lines.append("api: " + (api["skipped"] if "skipped" in api else
                            f"{api['requests_per_s']} req/s, p95 {api['p95_ms']} ms, "
                            f"{api['clients']} clients, {api['errors']} errors"))
    lines += ["", "targets:"]
    for t in result["targets"]:
        mark = {True: "met", False: "MISSED", None: "not measured"}[t["met"]]
        lines.append(f"  [{mark:^12}] {t['target']}: {t['value']} {t['note']}".rstrip())
    return "\n".join(lines)


def growth(sizes: dict[int, dict]) -> dict[str, Any]:
    return {"load": _growth(sizes, "load"), "link": _growth(sizes, "link")}


def side_by_side(result: dict[str, Any]) -> str:
    """Every engine and the in-process baseline, size by size, in one table."""
    runs = result["engines"]
    lines = [f"{'size':>7} {'engine':<9} {'load s':>8} {'read':>6} {'extract':>8} "
             f"{'write':>8} {'link':>8} {'trace p95':>9} {'API req/s':>9} {'srv MiB':>8}"]
    sizes = sorted({int(n) for run in runs.values() for n in run["sizes"]})
    for n in sizes:
        first = next(run["sizes"][str(n)] for run in runs.values() if str(n) in run["sizes"])
        s = first["stages_s"]
        lines.append(f"{n:>7} {'baseline':<9} {first['baseline_s']:>8.1f} {s['read']:>6.1f} "
                     f"{s['extract']:>8.1f} {'-':>8} {s['baseline_link']:>8.1f} {'-':>9} "
                     f"{'-':>9} {'-':>8}")
        for engine, run in runs.items():
            f = run["sizes"].get(str(n))
            if f is None:
                continue
            s, api = f["stages_s"], run.get("api", {})
            rps = api.get("requests_per_s") if n == sizes[-1] else None
            lines.append(
                f"{n:>7} {engine:<9} {f['load_s']:>8.1f} {s['read']:>6.1f} {s['extract']:>8.1f} "
                f"{s['write']:>8.1f} {s['link']:>8.1f} {f['trace']['p95_ms']:>9.1f} "
                f"{rps if rps is not None else '-':>9} {f.get('server_peak_rss_mib', 0):>8.0f}")
    return "\n".join(lines)
