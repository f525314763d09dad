#!/usr/bin/env python3
"""Agreement benchmark: MalmoiAgreement and `malmoi agree` against the krippendorff package.

    python3 Benchmarks/agreement/bench.py [--malmoi PATH] [--data DIR] [--repeat N] [--quick]

Steps (release builds; medians of --repeat runs after one warm-up where a run is cheap):
  1. generate.py writes 1,000,000 items x 3 coders, 10 categories, 10% missing (about 2.7 M JSONL
     lines) and 100,000 items x 5 coders, into --data (default $TMPDIR/malmoi-agreement-bench).
  2. The krippendorff package (pip install krippendorff) computes alpha nominal and interval on the
     matrix, timed inside Python after loading (its compute), peak memory by /usr/bin/time -v.
  3. A Python pipeline reads the JSONL with json.loads, builds the matrix and calls the package.
  4. agreement-bench (this folder's Swift package, built here with swift build -c release) times the
     library call on the same matrix, the full coefficient set on 100k x 5, and 1,000 bootstrap
     resamples of 100k items on every processor.
  5. `malmoi agree --format json` end to end on the JSONL, peak memory by /usr/bin/time -v.
Prints every figure and the ratios against the targets of issue 3.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def timed(cmd):
    """Wall seconds and peak RSS (MB) of a command, via /usr/bin/time -v."""
    t0 = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    secs = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1)) / 1024
    return secs, rss, proc.stdout


PACKAGE_COMPUTE = r'''
import sys, time, json, numpy as np, krippendorff
d, repeat = sys.argv[1], int(sys.argv[2])
meta = json.load(open(d + "/meta.json"))
m = np.fromfile(d + "/matrix.bin", dtype=np.int8).reshape(meta["coders"], -1).astype(float)
m[m < 0] = np.nan
out = {}
for level in ("nominal", "interval"):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        a = krippendorff.alpha(reliability_data=m, level_of_measurement=level)
        times.append(time.perf_counter() - t)
    out[level] = a
    out[level + "_s"] = sorted(times)[len(times) // 2]
print(json.dumps(out))
'''

PACKAGE_PIPELINE = r'''
import sys, json, numpy as np, krippendorff
path = sys.argv[1]
items, coders, rows = {}, {}, []
with open(path) as f:
    for line in f:
        r = json.loads(line)
        u = items.setdefault(r["item"], len(items))
        c = coders.setdefault(r["annotator"], len(coders))
        rows.append((c, u, r["label"]))
m = np.full((len(coders), len(items)), np.nan)
for c, u, v in rows:
    m[c, u] = v
print(json.dumps({lv: krippendorff.alpha(reliability_data=m, level_of_measurement=lv) for lv in ("nominal", "interval")}))
'''

PACKAGE_RESAMPLES = r'''
import sys, time, json, numpy as np, krippendorff
d, k = sys.argv[1], int(sys.argv[2])
meta = json.load(open(d + "/meta.json"))
m = np.fromfile(d + "/matrix.bin", dtype=np.int8).reshape(meta["coders"], -1).astype(float)
m[m < 0] = np.nan
rng = np.random.default_rng(7)
t = time.perf_counter()
for _ in range(k):
    s = m[:, rng.integers(0, m.shape[1], m.shape[1])]
    krippendorff.alpha(reliability_data=s, level_of_measurement="nominal")
    krippendorff.alpha(reliability_data=s, level_of_measurement="interval")
print(json.dumps({"per_resample_s": (time.perf_counter() - t) / k}))
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--malmoi", default=None, help="malmoi binary (default: build the main package in release)")
    ap.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "malmoi-agreement-bench"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="one run each, no pipeline repeat")
    args = ap.parse_args()
    repeat = 1 if args.quick else args.repeat
    big, small = os.path.join(args.data, "1m"), os.path.join(args.data, "100k")
    for d, extra in ((big, []), (small, ["--items", "100000", "--coders", "5"])):
        if not os.path.exists(os.path.join(d, "meta.json")):
            print(f"# generating {d}", flush=True)
            run([sys.executable, os.path.join(HERE, "generate.py"), d] + extra)

    print("# building agreement-bench (release)", flush=True)
    run(["swift", "build", "-c", "release", "--package-path", HERE])
    bench = os.path.join(HERE, ".build", "release", "agreement-bench")
    malmoi = args.malmoi
    if malmoi is None:
        print("# building malmoi (release)", flush=True)
        scratch = os.path.join(ROOT, ".build-bench-rel")
        run(["swift", "build", "-c", "release", "--product", "malmoi", "--package-path", ROOT, "--scratch-path", scratch])
        malmoi = os.path.join(scratch, "release", "malmoi")

    results = {}
    print("# krippendorff package: compute on 1M x 3", flush=True)
    secs, rss, out = timed([sys.executable, "-c", PACKAGE_COMPUTE, big, str(repeat)])
    pkg = json.loads(out)
    results["package_rss_mb"] = rss
    print("# agreement-bench on 1M x 3 and 100k x 5", flush=True)
    ours = json.loads(run([bench, big, "--repeat", str(max(3, repeat)), "--parse"]).stdout)
    small_ours = json.loads(run([bench, small, "--repeat", str(max(3, repeat)), "--full", "--bootstrap", "1000"]).stdout)
    print("# krippendorff package: resampling 100k x 5 (5 resamples, extrapolated to 1000)", flush=True)
    per = json.loads(run([sys.executable, "-c", PACKAGE_RESAMPLES, small, "5"]).stdout)["per_resample_s"]

    print("# Python pipeline (json + package) end to end", flush=True)
    pipeline = []
    for _ in range(repeat):
        secs, prss, out = timed([sys.executable, "-c", PACKAGE_PIPELINE, os.path.join(big, "data.jsonl")])
        pipeline.append(secs)
    pipe_values = json.loads(out)
    print("# malmoi agree end to end", flush=True)
    cli, cli_rss = [], []
    cmd = [malmoi, "agree", "--format", "json", "--no-breakdowns",
           "--metric", "krippendorff_alpha_nominal,krippendorff_alpha_interval", os.path.join(big, "data.jsonl")]
    for _ in range(repeat):
        secs, rss, out = timed(cmd)
        cli.append(secs)
        cli_rss.append(rss)
    cli_values = json.loads(out)["metrics"]

    def check(name, a, b):
        ok = abs(a - b) <= 1e-9
        print(f"  {name:<44} {a:.15f} vs {b:.15f}  {'ok' if ok else 'MISMATCH'}")
        return ok

    print("\n== values (1M x 3)")
    check("alpha nominal: library vs package", ours["alpha_nominal"], pkg["nominal"])
    check("alpha interval: library vs package", ours["alpha_interval"], pkg["interval"])
    check("alpha nominal: malmoi agree vs pipeline", cli_values["krippendorff_alpha_nominal"], pipe_values["nominal"])
    check("alpha interval: malmoi agree vs pipeline", cli_values["krippendorff_alpha_interval"], pipe_values["interval"])

    lib = ours["alpha_nominal_s"] + ours["alpha_interval_s"]
    pk = pkg["nominal_s"] + pkg["interval_s"]
    print("\n== 1M items x 3 coders, 10 categories, 10% missing (medians, seconds)")
    print(f"  package compute   nominal {pkg['nominal_s']:.3f}  interval {pkg['interval_s']:.3f}  peak {results['package_rss_mb']:.0f} MB")
    print(f"  library call      nominal {ours['alpha_nominal_s']:.3f}  interval {ours['alpha_interval_s']:.3f}"
          f"  (+ {ours['build_from_matrix_s']:.3f} to build the data from the matrix)")
    print(f"  ratio package/library: nominal {pkg['nominal_s'] / ours['alpha_nominal_s']:.1f}x, "
          f"interval {pkg['interval_s'] / ours['alpha_interval_s']:.1f}x, both {pk / lib:.1f}x "
          f"(incl. building the data {pk / (lib + ours['build_from_matrix_s']):.1f}x)   target >= 10x")
    p, c = statistics.median(pipeline), statistics.median(cli)
    print(f"  Python pipeline (json + package) {p:.2f} s   malmoi agree {c:.2f} s   ratio {p / c:.1f}x   target >= 3x")
    print(f"  malmoi agree peak memory {max(cli_rss):.0f} MB   target <= 500 MB")
    print(f"  of which: Core JSONL parse alone {ours['jsonl_parse_only_s']:.2f} s, parse + build "
          f"{ours['jsonl_read_and_build_s']:.2f} s ({ours['jsonl_lines']} lines)")
    print("\n== 100k items x 5 coders")
    print(f"  full coefficient set ({small_ours['full_set_metrics']} metrics) with breakdowns {small_ours['full_set_s']:.3f} s, "
          f"without {small_ours['full_set_no_breakdowns_s']:.3f} s")
    boot = small_ours["bootstrap_s"]
    print(f"  bootstrap 1000 resamples (alpha nominal + interval, {small_ours['bootstrap_processors']} processors) {boot:.2f} s"
          f"   target < 10 s;  package estimate {per * 1000:.0f} s ({per * 1000 / boot:.0f}x)")


if __name__ == "__main__":
    main()
