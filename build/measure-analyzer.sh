#!/usr/bin/env bash
# Measures the analyzer's share of compile time on generated kernel-model corpora (docs/performance.md).
#
#   build/measure-analyzer.sh [--sizes "250 500 1000 2000"] [--runs 3] [--work DIR]
#
# For each size, and for a 1,000-file corpus with no guarded calls, it generates a corpus with
# build/CorpusGenerator, builds it with `dotnet build -p:ReportAnalyzer=true -v:d` (no incremental build, so
# every run compiles everything), and reads two figures from the log: the TableFlushAnalyzer line of the
# compiler's analyzer report and the Csc task's time in the performance summary. It prints a markdown table of
# the medians over the runs, and checks correctness at scale: the TLB warnings of the build must be exactly the
# violations the generator seeded (expected.tsv).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
sizes="250 500 1000 2000"
runs=3
work="${TMPDIR:-/tmp}/kernelmodel-corpus"
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    *) echo "usage: $0 [--sizes \"250 500 1000 2000\"] [--runs N] [--work DIR]" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
analyzers="$root/analyzers/KernelModel.Analyzers/bin/Release/netstandard2.0"
generator="$root/build/CorpusGenerator/bin/Release/net10.0/KernelModel.CorpusGenerator.dll"
echo "building the analyzer and the corpus generator (Release)" >&2
dotnet build "$root/analyzers/KernelModel.Analyzers/KernelModel.Analyzers.csproj" -c Release -v:q -nologo >&2
dotnet build "$root/build/CorpusGenerator/CorpusGenerator.csproj" -c Release -v:q -nologo >&2

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure NAME GENERATOR-ARGS...: prints one table row.
measure() {
  local name="$1"; shift
  local dir="$work/$name"
  local summary files lines
  summary="$(dotnet "$generator" --out "$dir" --analyzers "$analyzers" "$@")"
  files="$(echo "$summary" | awk '{ print $1 - 1 }')"
  lines="$(echo "$summary" | awk '{ print $3 }')"
  echo "$name: $summary" >&2
  dotnet restore "$dir/Corpus.csproj" -v:q -nologo >&2
  local analyzer_times=() csc_times=() shares=()
  for run in $(seq 1 "$runs"); do
    local log="$dir/build-$run.log"
    dotnet build "$dir/Corpus.csproj" --no-restore --no-incremental -nologo -p:ReportAnalyzer=true -v:d \
      -clp:PerformanceSummary >"$log" 2>&1
    local analyzer csc
    analyzer="$(grep -m1 -E '^\s+[0-9.<]+\s+[0-9<]+\s+KernelModel\.Analyzers\.TableFlushAnalyzer' "$log" | awk '{ print $1 }' | tr -d '<')"
    csc="$(grep -m1 -E '^\s+[0-9]+ ms\s+Csc\s' "$log" | awk '{ print $1 / 1000 }')"
    analyzer_times+=("$analyzer"); csc_times+=("$csc")
    shares+=("$(awk -v a="$analyzer" -v c="$csc" 'BEGIN { print 100 * a / c }')")
    echo "  run $run: analyzer ${analyzer}s of Csc ${csc}s" >&2
  done
  local found="$dir/found.tsv"
  { grep -oE '[^ :>]+\.cs\([0-9]+,[0-9]+\): warning TLB[0-9]+' "$dir/build-1.log" || true; } \
    | sed -E "s#^$dir/##; s#\(([0-9]+),[0-9]+\): warning #\t\1\t#" | sort -u >"$found"
  local expected missed false_reports
  expected="$(wc -l <"$dir/expected.tsv")"
  missed="$(comm -23 <(sort -u "$dir/expected.tsv") "$found" | wc -l)"
  false_reports="$(comm -13 <(sort -u "$dir/expected.tsv") "$found" | wc -l)"
  printf '| %s | %s | %s | %.2f | %.3f | %.1f%% | %s of %s found, %s false |\n' \
    "$name" "$files" "$lines" \
    "$(printf '%s\n' "${csc_times[@]}" | median)" "$(printf '%s\n' "${analyzer_times[@]}" | median)" \
    "$(printf '%s\n' "${shares[@]}" | median)" "$((expected - missed))" "$expected" "$false_reports"
}

echo "| corpus | files | lines | Csc (s) | analyzer (s) | share | seeded violations |"
echo "|---|---:|---:|---:|---:|---:|---|"
for size in $sizes; do
  measure "kernel-$size" --files "$size"
done
measure "no-guarded-1000" --files 1000 --no-guarded
