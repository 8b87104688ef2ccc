"""`make bench`: throughput and memory ratios measured side by side in one run.

The machine is shared and noisy, so every number that matters is a ratio of
two measurements taken on the same text in the same run:
- bare ja_ginza `nlp.pipe` (default settings) vs the full pipeline (everything,
  export included) in one process;
- the share of the full pipeline's time spent outside GiNZA (clocked inside the run), and the
  fast GiNZA path alone for reference;
- 1 vs 2 worker processes;
- peak RSS of a whole run on a 1 MB and on a 10 MB corpus (separate processes);
- a rerun with nothing new (a fresh process, as a user would run it);
- the worst-case seconds per MB of input on the hostile cases of issue 16 (text without sentence
  ends, which GiNZA parses in quadratic time unless it is cut first; kanji or English without
  punctuation), beside the seeds' own seconds per MB.
Results go to OUT/bench.json.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpus" / "raw"


def build_corpus(folder: Path, target_bytes: int) -> int:
    """Seeds plus deterministic variants (years shifted, paragraphs rotated) up to target_bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    total, n = 0, 0
    while total < target_bytes:
        seed = seeds[n % len(seeds)]
        shift = n // len(seeds)
        text = re.sub(r"(1[89]\d\d|20[0-2]\d)年", lambda m, shift=shift: f"{int(m.group(1)) - shift}年", seed)
        paras = text.split("\n\n")
        k = shift % max(1, len(paras))
        text = "\n\n".join(paras[k:] + paras[:k])
        data = text.encode("utf-8")
        last = total + len(data) >= target_bytes and total > 0
        if last:  # cut at a character boundary; the corpus may end a few bytes short
            data = data[: target_bytes - total].decode("utf-8", "ignore").encode("utf-8")
        (folder / f"doc{n:04d}.txt").write_bytes(data)
        total += len(data)
        n += 1
        if last:
            break
    return total


def corpus_texts(folder: Path) -> list[str]:
    from pipeline.chunking import chunk_text

    return [piece for p in sorted(folder.glob("*.txt")) for _, piece in chunk_text(p.read_text(encoding="utf-8"))]


def time_bare_ginza(pieces: list[str], fast: bool) -> float:
    """Seconds for nlp.pipe over pieces: bare ja_ginza with default settings (fast=False),
    or our fast GiNZA path with the pipeline's own batch size (fast=True)."""
    from pipeline.nlp import load_nlp
    from pipeline.process import BATCH_SIZE

    nlp = load_nlp(fast=fast, entities=False)
    list(nlp.pipe(pieces[:1]))  # warm up
    start = time.perf_counter()
    for _ in nlp.pipe(pieces, **({"batch_size": BATCH_SIZE} if fast else {})):
        pass
    return time.perf_counter() - start


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def time_pipeline(corpus: Path, workers: int) -> tuple[float, float, float]:
    """(seconds for a whole run, of which seconds inside GiNZA: its tokenizer and components,
    CPU seconds of the run in all threads and worker processes). The model's share is clocked
    inside the same run (one process only), so the extraction share does not depend on two runs
    meeting the same machine load."""
    from pipeline.nlp import load_nlp
    from pipeline.runner import run_corpus

    nlp = load_nlp()  # model load is not throughput
    clock = nlp.add_pipe("model_clock", before="release_tensor") if workers == 1 else None
    out = Path(tempfile.mkdtemp(prefix="bench-out-"))
    try:
        start, cpu = time.perf_counter(), _cpu_seconds()
        run_corpus(corpus, out, workers=workers)
        return time.perf_counter() - start, clock.seconds if clock else float("nan"), _cpu_seconds() - cpu
    finally:
        if clock is not None:
            nlp.remove_pipe("model_clock")
        shutil.rmtree(out, ignore_errors=True)


# VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so a child of a
# big parent would report the parent's peak.
_RSS_CHILD = """
import re, sys
from pathlib import Path
from pipeline.runner import run_corpus
run_corpus(Path(sys.argv[1]), Path(sys.argv[2]))
print(re.search(r"VmHWM:\\s*(\\d+) kB", open("/proc/self/status").read()).group(1))
"""


def time_dates(corpus: Path) -> float:
    """Seconds the dates stage (extract_timexes) takes over the corpus documents, warm."""
    from pipeline.dates import extract_timexes

    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    extract_timexes(texts[0] if texts else "")
    start = time.perf_counter()
    for text in texts:
        extract_timexes(text)
    return time.perf_counter() - start


def peak_rss_mb(corpus: Path) -> float:
    with tempfile.TemporaryDirectory(prefix="bench-rss-") as out:
        proc = subprocess.run([sys.executable, "-c", _RSS_CHILD, str(corpus), out], capture_output=True,
                              text=True, check=True, cwd=ROOT)
    return int(proc.stdout.strip().splitlines()[-1]) / 1024


def noop_rerun_seconds(corpus: Path) -> float:
    with tempfile.TemporaryDirectory(prefix="bench-noop-") as out:
        cmd = [sys.executable, "-m", "pipeline", "run", str(corpus), "--out", out]
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        return time.perf_counter() - start


def hostile_texts(n_bytes: int) -> dict[str, str]:
    """Issue 16's slow inputs, each about n_bytes of UTF-8, and the seeds for reference."""
    def fill(unit: str, sep: str = "") -> str:
        parts, size, i = [], 0, 0
        while size < n_bytes:
            piece = unit.format(y=1900 + i % 100, m=1 + i % 12, d=1 + i % 28) + sep
            parts.append(piece)
            size += len(piece.encode("utf-8"))
            i += 1
        return "".join(parts)

    seeds = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return {
        "seeds (reference)": seeds.encode("utf-8")[:n_bytes].decode("utf-8", "ignore"),
        "dates joined by 、": fill("{y}年{m}月{d}日", "、"),
        "kanji, no punctuation": fill("朝鮮戦争勃発休戦協定調印"),
        "kana, no punctuation": fill("あいうえおかきくけこさしすせそ"),
        "English, no periods": fill("north korea and the united states met in {y} ", ""),
    }


def hostile_seconds_per_mb(n_bytes: int) -> dict[str, float]:
    """Seconds per MB of input of a whole run on one document of each hostile kind (model loaded)."""
    from pipeline.nlp import load_nlp
    from pipeline.runner import run_corpus

    load_nlp()
    out = {}
    for name, text in hostile_texts(n_bytes).items():
        with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            data = text.encode("utf-8")
            (corpus / "doc.txt").write_bytes(data)
            start = time.perf_counter()
            result = run_corpus(corpus, Path(tmp) / "out")
            seconds = time.perf_counter() - start
        out[name] = round(seconds / (len(data) / 1_000_000), 1)
        status = "ok" if result.ok else "; ".join(reason for _, reason in result.failed)
        print(f"hostile input, {name}: {out[name]:,.1f} s per MB ({status})")
    return out


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="outputs")
    parser.add_argument("--mb", type=float, default=float(os.environ.get("BENCH_MB", "1")),
                        help="size of the throughput corpus in MB (default 1)")
    parser.add_argument("--rss-mb", default=os.environ.get("BENCH_RSS_MB", "1,10"),
                        help="corpus sizes in MB for the peak-RSS runs (default 1,10)")
    parser.add_argument("--hostile-mb", type=float, default=float(os.environ.get("BENCH_HOSTILE_MB", "0.1")),
                        help="size in MB of each hostile input for the seconds-per-MB measure (default 0.1)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        corpus = work / "corpus"
        n_bytes = build_corpus(corpus, int(args.mb * 1_000_000))
        pieces = corpus_texts(corpus)
        n_chars = sum(len(p) for p in pieces)
        print(f"corpus: {n_bytes:,} bytes, {n_chars:,} characters, {len(list(corpus.glob('*.txt')))} documents")
        bare = time_bare_ginza(pieces, fast=False)
        print(f"bare ja_ginza nlp.pipe: {n_chars / bare:,.0f} chars/s")
        fast_ginza = time_bare_ginza(pieces, fast=True)
        print(f"fast GiNZA path alone: {n_chars / fast_ginza:,.0f} chars/s")
        one, model_seconds, one_cpu = time_pipeline(corpus, workers=1)
        print(f"full pipeline, 1 worker: {n_chars / one:,.0f} chars/s "
              f"({model_seconds:.1f} s of {one:.1f} s inside GiNZA; {one_cpu / one:.2f} cores busy)")
        dates_seconds = time_dates(corpus)
        print(f"dates stage alone: {dates_seconds:.2f} s ({dates_seconds / one:.1%} of the 1-worker run)")
        two, _, two_cpu = time_pipeline(corpus, workers=2)
        print(f"full pipeline, 2 workers: {n_chars / two:,.0f} chars/s ({two_cpu / two:.2f} cores busy)")
        rss = {}
        for size in [float(s) for s in args.rss_mb.split(",") if s.strip()]:
            folder = work / f"rss-{size:g}mb"
            build_corpus(folder, int(size * 1_000_000))
            rss[f"{size:g}MB"] = round(peak_rss_mb(folder), 1)
            print(f"peak RSS, {size:g} MB corpus: {rss[f'{size:g}MB']:,.0f} MB")
        noop = noop_rerun_seconds(SEEDS)
        print(f"no-op rerun (fresh process): {noop:.2f} s")
        hostile = hostile_seconds_per_mb(int(args.hostile_mb * 1_000_000))
        worst = max((v, k) for k, v in hostile.items() if "reference" not in k)
        sizes = list(rss)
        result = {
            "corpus_bytes": n_bytes,
            "corpus_chars": n_chars,
            "bare_ginza_chars_per_s": round(n_chars / bare, 1),
            "fast_ginza_chars_per_s": round(n_chars / fast_ginza, 1),
            "pipeline_1_worker_chars_per_s": round(n_chars / one, 1),
            "pipeline_2_workers_chars_per_s": round(n_chars / two, 1),
            "ratio_pipeline_vs_bare_ginza": round(bare / one, 3),
            # everything that is not GiNZA (ingest, chunking, entities, dates, events, cache, export), one run
            "extraction_share_of_total": round((one - model_seconds) / one, 3),
            # the same from two separate runs (fast GiNZA alone vs the pipeline): noisier on a shared machine
            "extraction_share_vs_separate_ginza_run": round(max(0.0, one - fast_ginza) / one, 3),
            "ratio_2_workers_vs_1": round(one / two, 3),
            # the dates stage measured alone on the same documents, as a share of the 1-worker run
            "dates_share_of_total": round(dates_seconds / one, 4),
            # one worker already keeps part of the second core busy with BLAS threads, which bounds
            # what a second worker process can add on a 2-core machine
            "cores_busy_1_worker": round(one_cpu / one, 2),
            "cores_busy_2_workers": round(two_cpu / two, 2),
            "peak_rss_mb": rss,
            "rss_growth": round(rss[sizes[-1]] / rss[sizes[0]] - 1, 3) if len(sizes) > 1 else None,
            "noop_rerun_seconds": round(noop, 2),
            "hostile_seconds_per_mb": hostile,
            "hostile_worst_seconds_per_mb": worst[0],
            "hostile_worst_case": worst[1],
            "cpu_count": os.cpu_count(),
        }
        print("\nratios: pipeline/bare GiNZA {ratio_pipeline_vs_bare_ginza}x (target >= 1.8), extraction share "
              "{extraction_share_of_total:.1%} (target <= 10%), 2 workers/1 {ratio_2_workers_vs_1}x (target >= 1.6), "
              "RSS growth {rss_growth} (target < 0.20), no-op rerun {noop_rerun_seconds} s (target <= 2), "
              "dates share {dates_share_of_total:.2%} (target < 3%), "
              "worst hostile input {hostile_worst_seconds_per_mb} s per MB ({hostile_worst_case})"
              .format(**result))
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "bench.json").write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
