#!/usr/bin/env bash
# Measures the analyzer's share of compile time on generated kernel-model corpora (docs/performance.md).
#
#   build/measure-analyzer.sh [--sizes "250 500 1000 2000"] [--runs 3] [--work DIR] [--guarded-share X] [--floor]
#
# For each size, and for a 1,000-file corpus with no guarded calls, it generates a corpus with
# build/CorpusGenerator, builds it with `dotnet build -p:ReportAnalyzer=true -v:d` (no incremental build, so
# every run compiles everything), and reads two figures from the log: the TableFlushAnalyzer line of the
# compiler's analyzer report and the Csc task's time in the performance summary. It prints a markdown table of
# the medians over the runs, and checks correctness at scale: the TLB warnings of the build must be exactly the
# violations the generator seeded (expected.tsv).
#
# --guarded-share passes the share of methods with guarded calls to the generator (its default is 0.25).
# --floor also builds every corpus with build/BindingFloor instead of the analyzer: the same prefilter, operation
# trees and control-flow graphs for the same bodies and their callees, and no flow analysis. Its share is what the
# analyzer cannot go below while it analyses control-flow graphs (SPEC §5); two more columns show it.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
sizes="250 500 1000 2000"
runs=3
work="${TMPDIR:-/tmp}/kernelmodel-corpus"
share=()
floor=false
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --guarded-share) share=(--guarded-share "$2"); shift 2 ;;
    --floor) floor=true; shift ;;
    *) echo "usage: $0 [--sizes \"250 500 1000 2000\"] [--runs N] [--work DIR] [--guarded-share X] [--floor]" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
analyzers="$root/analyzers/KernelModel.Analyzers/bin/Release/netstandard2.0"
generator="$root/build/CorpusGenerator/bin/Release/net10.0/KernelModel.CorpusGenerator.dll"
echo "building the analyzer and the corpus generator (Release)" >&2
dotnet build "$root/analyzers/KernelModel.Analyzers/KernelModel.Analyzers.csproj" -c Release -v:q -nologo >&2
dotnet build "$root/build/CorpusGenerator/CorpusGenerator.csproj" -c Release -v:q -nologo >&2
floors="$root/build/BindingFloor/bin/Release/netstandard2.0"
if $floor; then
  dotnet build "$root/build/BindingFloor/BindingFloor.csproj" -c Release -v:q -nologo >&2
fi

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# build_runs DIR ANALYZER-PATTERN: builds DIR's corpus $runs times; sets times, cscs and ratios (one entry per run).
build_runs() {
  local dir="$1" pattern="$2"
  times=(); cscs=(); ratios=()
  for run in $(seq 1 "$runs"); do
    local log="$dir/build-$run.log"
    dotnet build "$dir/Corpus.csproj" --no-restore --no-incremental -nologo -p:ReportAnalyzer=true -v:d \
      -clp:PerformanceSummary >"$log" 2>&1
    local analyzer csc
    analyzer="$(grep -m1 -E "^\s+[0-9.<]+\s+[0-9<]+\s+$pattern" "$log" | awk '{ print $1 }' | tr -d '<')"
    csc="$(grep -m1 -E '^\s+[0-9]+ ms\s+Csc\s' "$log" | awk '{ print $1 / 1000 }')"
    times+=("$analyzer"); cscs+=("$csc")
    ratios+=("$(awk -v a="$analyzer" -v c="$csc" 'BEGIN { print 100 * a / c }')")
    echo "  $(basename "$dir") run $run: ${analyzer}s of Csc ${csc}s" >&2
  done
}

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
  build_runs "$dir" 'KernelModel\.Analyzers\.TableFlushAnalyzer'
  analyzer_times=("${times[@]}"); csc_times=("${cscs[@]}"); shares=("${ratios[@]}")
  local floor_cells=""
  if $floor; then
    # The same corpus, built with the floor analyzer in place of the product's.
    rm -rf "$dir-floor" && mkdir -p "$dir-floor"
    (cd "$dir" && find . -name '*.cs' -not -path './obj/*' -not -path './bin/*' -exec cp --parents {} "$dir-floor" \;)
    # The product assembly stays for its contract-attribute generator; with every TLB rule suppressed the compiler
    # does not run its analyzers at all, so only the floor's callbacks are timed.
    sed -e "s#<Analyzer Include=\"$analyzers/KernelModel.Analysis.dll\" />#<Analyzer Include=\"$floors/KernelModel.Analysis.dll\" /><Analyzer Include=\"$floors/KernelModel.BindingFloor.dll\" />#" \
        -e "s#</PropertyGroup>#  <NoWarn>\$(NoWarn);TLB000;TLB001;TLB002;TLB003;TLB004;TLB005;TLB006</NoWarn>\n  </PropertyGroup>#" \
        "$dir/Corpus.csproj" >"$dir-floor/Corpus.csproj"
    cp "$dir"/Directory.* "$dir-floor/" 2>/dev/null || true
    dotnet restore "$dir-floor/Corpus.csproj" -v:q -nologo >&2
    build_runs "$dir-floor" 'KernelModel\.BindingFloor\.BindingFloorAnalyzer'
    floor_cells="$(printf ' %.3f | %.1f%% |' "$(printf '%s\n' "${times[@]}" | median)" "$(printf '%s\n' "${ratios[@]}" | median)")"
  fi
  local found="$dir/found.tsv"
  { grep -oE '[^ :>]+\.cs\([0-9]+,[0-9]+\): warning TLB[0-9]+' "$dir/build-1.log" || true; } \
    | sed -E "s#^$dir/##; s#\(([0-9]+),[0-9]+\): warning #\t\1\t#" | sort -u >"$found"
  local expected missed false_reports
  expected="$(wc -l <"$dir/expected.tsv")"
  missed="$(comm -23 <(sort -u "$dir/expected.tsv") "$found" | wc -l)"
  false_reports="$(comm -13 <(sort -u "$dir/expected.tsv") "$found" | wc -l)"
  printf '| %s | %s | %s | %.2f | %.3f | %.1f%% |%s %s of %s found, %s false |\n' \
    "$name" "$files" "$lines" \
    "$(printf '%s\n' "${csc_times[@]}" | median)" "$(printf '%s\n' "${analyzer_times[@]}" | median)" \
    "$(printf '%s\n' "${shares[@]}" | median)" "$floor_cells" "$((expected - missed))" "$expected" "$false_reports"
}

if $floor; then
  echo "| corpus | files | lines | Csc (s) | analyzer (s) | share | floor (s) | floor share | seeded violations |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
else
  echo "| corpus | files | lines | Csc (s) | analyzer (s) | share | seeded violations |"
  echo "|---|---:|---:|---:|---:|---:|---|"
fi
for size in $sizes; do
  measure "kernel-$size" --files "$size" "${share[@]}"
done
measure "no-guarded-1000" --files 1000 --no-guarded
