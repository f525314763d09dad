#!/usr/bin/env python3
"""What `--normalize` costs `malmoi morph`: the default (nfc) against `--normalize none`, side by side.

On text that is already NFC the step is ICU's check over each line's UTF-8 bytes and no copy, so the
two runs should take the same time (target: the default within 5 % of `none`) and print the same bytes.
On NFD text (the same sentences decomposed, as macOS hands them over) the default composes each line
first; that run is compared with `none` on the NFC text, i.e. against analyzing text that needed no step.

Time on this shared machine swings by more than the step costs, so the script also counts the
instructions both variants execute on the first --callgrind-lines lines (valgrind's callgrind), a figure
that machine load does not move.

The text (~5 MB by default) is the UD Korean GSD dev sentences from ../shared when present, else the
project's own Corpora/ sentences, repeated in shuffled order, one sentence per line (or --input FILE).
Runs alternate between the variants (A B A B …) after one warm-up of each, so both see the same machine
load; each figure is the median of --runs, with the spread, for wall and CPU time.

    python3 Benchmarks/morph/normalize.py --malmoi .build/release/malmoi
"""
import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import parity  # noqa: E402
import speed  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def sentences():
    gsd = SHARED / "data/ud-korean-gsd/ko_gsd-ud-dev.conllu"
    if gsd.exists():
        return parity.gsd_sentences(gsd), "GSD dev"
    return parity.corpus_sentences(ROOT / "Corpora"), "Corpora/"




def output_of(malmoi, path, extra):
    with open(path, "rb") as stdin:
        return subprocess.run([malmoi, "morph", *extra], stdin=stdin, stdout=subprocess.PIPE, check=True).stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--malmoi", default=str(ROOT / ".build/release/malmoi"))
    parser.add_argument("--input", help="NFC text to analyze, one sentence per line (default: generated)")
    parser.add_argument("--size", type=int, default=5_000_000, help="bytes of generated text")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--callgrind-lines", type=int, default=4500,
                        help="also count instructions with valgrind's callgrind on this many lines (0: skip)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="malmoi-normalize-"))
    if args.input:
        lines = Path(args.input).read_text(encoding="utf-8").split("\n")
        source = args.input
    else:
        base, source = sentences()
        lines = parity.shuffled_repeats(base, args.size)
    lines = [unicodedata.normalize("NFC", line) for line in lines if line]
    nfc_path = workdir / "nfc.txt"
    nfd_path = workdir / "nfd.txt"
    nfc_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    nfd_path.write_text("\n".join(unicodedata.normalize("NFD", line) for line in lines) + "\n", encoding="utf-8")
    characters = sum(len(line) for line in lines)
    print(f"text: {source}, {len(lines)} lines, {characters} characters, {nfc_path.stat().st_size} bytes NFC, "
          f"{nfd_path.stat().st_size} bytes NFD")

    default_out = output_of(args.malmoi, nfc_path, [])
    none_out = output_of(args.malmoi, nfc_path, ["--normalize", "none"])
    nfd_out = output_of(args.malmoi, nfd_path, [])
    print(f"NFC input, default vs none: output {'byte-identical' if default_out == none_out else 'DIFFERENT'}")
    print(f"NFD input with the default vs NFC input: output {'byte-identical' if nfd_out == none_out else 'DIFFERENT'}")

    variants = [
        ("none, NFC text", nfc_path, ["--normalize", "none"]),
        ("nfc (default), NFC text", nfc_path, []),
        ("nfc (default), NFD text", nfd_path, []),
    ]
    command = lambda extra: [args.malmoi, "morph", "--format", "mecab", *extra]
    for _, path, extra in variants:
        speed.run_child(command(extra), path)
    walls = {name: [] for name, _, _ in variants}
    cpus = {name: [] for name, _, _ in variants}
    for _ in range(args.runs):
        for name, path, extra in variants:
            wall, cpu, _ = speed.run_child(command(extra), path)
            walls[name].append(wall)
            cpus[name].append(cpu)

    base_wall = statistics.median(walls[variants[0][0]])
    base_cpu = statistics.median(cpus[variants[0][0]])
    print(f"\n{'variant':26} {'wall median (min-max)':>26} {'chars/s':>10} {'CPU median':>11} {'wall ratio':>10} {'CPU ratio':>9}")
    for name, _, _ in variants:
        wall = statistics.median(walls[name])
        cpu = statistics.median(cpus[name])
        print(f"{name:26} {wall:8.3f} s ({min(walls[name]):.3f}-{max(walls[name]):.3f}) {characters / wall:10.0f} "
              f"{cpu:9.3f} s {wall / base_wall:10.3f} {cpu / base_cpu:9.3f}")
    overhead = statistics.median(walls[variants[1][0]]) / base_wall - 1
    cpu_overhead = statistics.median(cpus[variants[1][0]]) / base_cpu - 1
    fastest = min(walls[variants[1][0]]) / min(walls[variants[0][0]]) - 1
    fastest_cpu = min(cpus[variants[1][0]]) / min(cpus[variants[0][0]]) - 1
    print(f"\ndefault on NFC text against --normalize none (target within 5 %): median wall {overhead * 100:+.1f} %, "
          f"median CPU {cpu_overhead * 100:+.1f} %, fastest run wall {fastest * 100:+.1f} %, least CPU {fastest_cpu * 100:+.1f} %")
    print("(on a loaded machine wall and CPU time swing by more than the step costs)")
    if args.callgrind_lines and shutil.which("valgrind") and shutil.which("strip"):
        count_instructions(args.malmoi, lines[:args.callgrind_lines], workdir)


def count_instructions(malmoi, lines, workdir):
    """Instructions executed (callgrind's Ir, independent of machine load), default against none."""
    stripped = workdir / "malmoi"  # valgrind cannot read the Swift debug info; a stripped copy runs the same code
    subprocess.run(["strip", "-o", str(stripped), malmoi], check=True)
    sample = workdir / "sample.txt"
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts = {}
    for variant in ["none", "nfc"]:
        with open(sample, "rb") as stdin:
            log = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={workdir}/callgrind.{variant}",
                                  str(stripped), "morph", "--normalize", variant], stdin=stdin,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True).stderr
        match = re.search(r"Collected : (\d+)", log)
        if not match:
            print("callgrind: no instruction count")
            return
        counts[variant] = int(match.group(1))
    print(f"\ninstructions on {len(lines)} NFC lines ({sample.stat().st_size} bytes): none {counts['none']:,}, "
          f"nfc (default) {counts['nfc']:,} -> {(counts['nfc'] / counts['none'] - 1) * 100:+.2f} %")


if __name__ == "__main__":
    main()
