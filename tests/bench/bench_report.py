"""The targets of tests/bench/bench.py, and how its figures are judged and printed."""
import os
import platform

# Targets: multiples of the floor's time, of the record bytes, or absolute.
TARGET_COLD = 1.5            # audit cold and check cold, x floor
TARGET_WARM = 0.05           # audit warm, nothing changed, x floor
TARGET_CHANGED = 0.15        # audit, one log file changed, x floor
TARGET_RSS = 1.5             # peak RSS of a cold audit (and check), x record bytes
TARGET_OTHER_WARM = 0.1      # stipend, report html, match warm, x floor
TARGET_LOG_SECONDS = 0.2     # log (one entry) in the repository, warm
TARGET_LOG_RSS_BYTES = 100e6
TARGET_MENTOR_SECONDS = 0.2  # status --mentor and audit --mentor, warm
TARGET_BIG_LOG_SECONDS = 1.0  # one entry appended to a 16 MiB log file


def machine():
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "platform": platform.platform(), "cpu": model,
            "python": platform.python_version()}


def thresholds():
    return {"cold_x_floor": TARGET_COLD, "warm_x_floor": TARGET_WARM,
            "one_file_changed_x_floor": TARGET_CHANGED, "cold_rss_x_record_bytes": TARGET_RSS,
            "other_warm_x_floor": TARGET_OTHER_WARM, "other_cold": "<= audit cold median",
            "log_seconds": TARGET_LOG_SECONDS, "log_rss_bytes": TARGET_LOG_RSS_BYTES,
            "mentor_seconds": TARGET_MENTOR_SECONDS,
            "big_log_seconds": TARGET_BIG_LOG_SECONDS}


def rss_verdict(rss_kib, limit_bytes, baseline_kib):
    """A child's reported peak RSS is at most its own peak or the spawn baseline, so a
    value within the limit is met; one over it is missed only when above the baseline."""
    if rss_kib * 1024 <= limit_bytes:
        return True
    return False if rss_kib > baseline_kib else None


def judge(figures, record_bytes, baseline_kib):
    """Adds x_floor and rss_per_record_byte to every figure and returns the targets, one
    per judged quantity, in the order of the targets table."""
    by_name = {f["name"]: f for f in figures}
    floor = figures[0]["median_seconds"]
    for figure in figures:
        # A figure of another repository (the 16 MiB log's) has no ratio to this one.
        other = "repo" in figure
        figure["x_floor"] = None if other else figure["median_seconds"] / floor
        figure["rss_per_record_byte"] = (None if other else
                                         figure["median_rss_kib"] * 1024 / record_bytes)
    targets = []

    def add(row, name, quantity, value, limit, met, unit, limit_text):
        if name in by_name:
            targets.append({"row": row, "figure": name, "quantity": quantity, "value": value,
                            "limit": limit, "unit": unit, "limit_text": limit_text,
                            "met": met})

    def x_floor(row, name, limit):
        if name in by_name:
            value = by_name[name]["x_floor"]
            add(row, name, "time", value, limit, value <= limit, "x floor",
                f"<= {limit:g}x floor")

    def seconds(row, name, limit, limit_text=None):
        if name in by_name:
            value = by_name[name]["median_seconds"]
            add(row, name, "time", value, limit, value <= limit, "s",
                limit_text or f"<= {limit:g} s")

    def rss(row, name, limit_bytes, unit, scale, limit_text):
        if name in by_name:
            kib = by_name[name]["median_rss_kib"]
            add(row, name, "peak RSS", kib * 1024 / scale, limit_bytes / scale,
                rss_verdict(kib, limit_bytes, baseline_kib), unit, limit_text)
            targets[-1]["at_most_spawn_baseline"] = kib <= baseline_kib

    x_floor("audit cold", "audit cold", TARGET_COLD)
    x_floor("audit cold", "check cold", TARGET_COLD)
    x_floor("audit warm, nothing changed", "audit warm", TARGET_WARM)
    x_floor("audit, one log file changed", "audit, one file changed", TARGET_CHANGED)
    for name in ("audit cold", "check cold"):
        rss("peak RSS of a cold audit", name, TARGET_RSS * record_bytes, "x YAML bytes",
            record_bytes, f"<= {TARGET_RSS:g}x YAML bytes")
    row = "log (one entry), state repo, warm"
    seconds(row, "log, warm", TARGET_LOG_SECONDS)
    rss(row, "log, warm", TARGET_LOG_RSS_BYTES, "MB", 1e6,
        f"<= {TARGET_LOG_RSS_BYTES / 1e6:g} MB")
    row = "status / audit --mentor, warm"
    seconds(row, "status --mentor, warm", TARGET_MENTOR_SECONDS)
    seconds(row, "audit --mentor, warm", TARGET_MENTOR_SECONDS)
    seconds("one entry appended to a 16 MiB log", "log into a 16 MiB file",
            TARGET_BIG_LOG_SECONDS)
    row = "stipend, report html, match"
    audit_cold = by_name["audit cold"]["median_seconds"]
    for command in ("stipend", "report html", "match"):
        seconds(row, f"{command} cold", audit_cold, f"<= {audit_cold:.3f} s (audit cold)")
        x_floor(row, f"{command} warm", TARGET_OTHER_WARM)
    return targets


def format_value(target):
    if target["unit"] == "s":
        return f"{target['value']:.3f} s"
    at_most = "<=" if target.get("at_most_spawn_baseline") else ""
    if target["unit"] == "MB":
        return f"{at_most}{target['value']:.1f} MB"
    return f"{at_most}{target['value']:.2f}{target['unit']}"


def print_report(info, figures, targets, identical, baseline_kib):
    r = info["records"]
    print(f"machine: {info['machine']['cpus']} CPUs, {info['machine']['cpu']}, "
          f"{info['machine']['platform']}")
    print(f"date:    {info['date']}   mentorctl: {info['version']}")
    print(f"repo:    {info['repo']}")
    print(f"records: {r['files']:,} files, {r['bytes'] / 1e6:.1f} MB, "
          f"{r['log_entries']:,} log entries; medians of {info['runs']} run(s)")
    print()
    print(f"{'figure':<28}{'median s':>10}{'x floor':>9}{'peak RSS MB':>13}"
          f"{'RSS/record bytes':>18}")
    for f in figures:
        rss_mb = f"{f['median_rss_kib'] * 1024 / 1e6:.1f}"
        if f["median_rss_kib"] <= baseline_kib:
            rss_mb = "<=" + rss_mb
        x_floor = "-" if f["x_floor"] is None else f"{f['x_floor']:.2f}"
        per_byte = "-" if f["rss_per_record_byte"] is None else f"{f['rss_per_record_byte']:.2f}"
        print(f"{f['name']:<28}{f['median_seconds']:>10.3f}{x_floor:>9}"
              f"{rss_mb:>13}{per_byte:>18}")
    print()
    print(f"{'target':<37}{'figure':<26}{'measured':>20}   {'target':<34}verdict")
    last_row = None
    for t in targets:
        row = t["row"] if t["row"] != last_row else ""
        last_row = t["row"]
        verdict = {True: "met", False: "missed", None: "unknown (under the spawn baseline)"}
        print(f"{row:<37}{t['figure']:<26}{format_value(t):>20}   {t['limit_text']:<34}"
              f"{verdict[t['met']]}")
    print()
    yes = {True: "yes", False: "NO"}
    line = f"output identical cold/warm: {yes[identical['cold_warm']]}"
    if identical["threads"] is None:
        line += "; threads option not available"
    else:
        line += f"; cold/1 thread: {yes[identical['threads']]}"
    print(line)
    others = [c for c in ("stipend", "report html", "match") if c in identical]
    if others:
        print(f"{', '.join(others)} output identical cold/warm: "
              + ", ".join(yes[identical[c]] for c in others))
    for note in info["notes"]:
        print(f"note: {note}")
    met = sum(1 for t in targets if t["met"])
    print(f"targets met: {met} of {len(targets)}")
