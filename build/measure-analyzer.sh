#!/usr/bin/env bash
# Measures what the analyzers add to the compiler (docs/performance.md).
#
#   build/measure-analyzer.sh [--analyzers DIR] [--runs N] [--files N] [--densities "0.25 0.05 0.01 0.001 0"]
#                             [--work DIR] [--edits N] [--memory-edits N] [--build] [--no-keystroke] [FOLDER...]
#
# In process (build/AnalyzerShare, one thread, shares of the compiler's own CPU time as ratios within one process):
#  - generated kernel-model corpora of --files files (default 1,000) at each density of guarded methods (0 = none),
#    with the seeded violations compared against expected.tsv;
#  - every FOLDER of real C# given, compiled without references as a half-loaded IDE project sees it (Cosmos and
#    Newtonsoft.Json are what docs/performance.md uses; they are not kept in the repository);
#  - the keystroke loop on the sample kernel (semantic diagnostics of one document after a one-character edit).
# Each row carries, from the same repetitions, an analyzer that registers nothing and empty analyzers with the old
# per-member and the new per-tree registrations, so that the driver's cost for a set of registrations is seen apart
# from the product's callbacks.
# --analyzers measures another build of analyzers/KernelModel.Analyzers (e.g. an older commit's bin/Release folder)
# with the same measuring program; by default this checkout's is built in Release.
# --build also builds each generated corpus with `dotnet build -p:ReportAnalyzer=true` and reports the compiler's
# own analyzer timing (the sum over the product's analyzers) and the Csc task's time: the build figures, noisier.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
analyzers=""
runs=3
files=1000
densities="0.25 0.05 0.01 0.001 0"
work="${TMPDIR:-/tmp}/kernelmodel-corpus"
edits=40
memory_edits=0
build=false
keystroke=true
folders=()
while [ $# -gt 0 ]; do
  case "$1" in
    --analyzers) analyzers="$(cd "$2" && pwd)"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --files) files="$2"; shift 2 ;;
    --densities) densities="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --edits) edits="$2"; shift 2 ;;
    --memory-edits) memory_edits="$2"; shift 2 ;;
    --build) build=true; shift ;;
    --no-keystroke) keystroke=false; shift ;;
    -*) sed -n '2,22p' "$0" >&2; exit 2 ;;
    *) folders+=("$(cd "$1" && pwd)"); shift ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ -z "$analyzers" ]; then
  echo "building the analyzers (Release)" >&2
  dotnet build "$root/analyzers/KernelModel.Analyzers/KernelModel.Analyzers.csproj" -c Release -v:q -nologo >&2
  analyzers="$root/analyzers/KernelModel.Analyzers/bin/Release/netstandard2.0"
fi
echo "building the measuring program and the corpus generator (Release)" >&2
dotnet build "$root/build/AnalyzerShare/AnalyzerShare.csproj" -c Release -v:q -nologo >&2
dotnet build "$root/build/CorpusGenerator/CorpusGenerator.csproj" -c Release -v:q -nologo >&2
share=(dotnet "$root/build/AnalyzerShare/bin/Release/net10.0/KernelModel.AnalyzerShare.dll")
generator="$root/build/CorpusGenerator/bin/Release/net10.0/KernelModel.CorpusGenerator.dll"

corpus() {
  local density="$1" dir="$work/kernel-$files-$1"
  local guarded=(--guarded-share "$density")
  [ "$density" = 0 ] && guarded=(--no-guarded)
  dotnet "$generator" --out "$dir" --files "$files" --analyzers "$analyzers" "${guarded[@]}" >&2
  echo "$dir"
}

echo "In process, one thread; shares of the compiler's CPU time, cold / warm (medians of $runs runs, the first cold):"
echo
echo "| workload | files | lines | compiler (ms) | driver, nothing registered | empty, per-member registrations | empty, per-tree registration | product | diagnostics |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
for density in $densities; do
  "${share[@]}" folder "$(corpus "$density")" --name "kernel-$files, density $density" --analyzers "$analyzers" --runs "$runs"
done
for folder in "${folders[@]}"; do
  "${share[@]}" folder "$folder" --no-references --analyzers "$analyzers" --runs "$runs"
done

if $keystroke; then
  echo
  echo "Per keystroke on the sample kernel, process CPU milliseconds (medians over $edits edits after the first few):"
  echo
  echo "| document | compiler | empty, per-tree registration | product | analyzer's own (product - empty) | its max | product, wall | TLB diagnostics |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  "${share[@]}" keystroke "$root/sample-kernel" --analyzers "$analyzers" --edits "$edits" --memory-edits "$memory_edits"
fi

if $build; then
  echo
  echo "dotnet build -p:ReportAnalyzer=true (median of $runs builds):"
  echo
  echo "| corpus | Csc (s) | analyzers (s) | share |"
  echo "|---|---:|---:|---:|"
  median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  for density in $densities; do
    dir="$(corpus "$density")"
    dotnet restore "$dir/Corpus.csproj" -v:q -nologo >&2
    times=(); cscs=()
    for run in $(seq 1 "$runs"); do
      log="$dir/build-$run.log"
      dotnet build "$dir/Corpus.csproj" --no-restore --no-incremental -nologo -p:ReportAnalyzer=true -v:d \
        -clp:PerformanceSummary >"$log" 2>&1
      # The compiler's analyzer report lists each analyzer with its seconds; the product's are summed.
      times+=("$(grep -E '^\s+[0-9.<]+\s+[0-9<]+\s+KernelModel\.Analyzers\.[A-Za-z]+Analyzer' "$log" | awk '{ gsub("<", "", $1); s += $1 } END { print s + 0 }')")
      cscs+=("$(grep -m1 -E '^\s+[0-9]+ ms\s+Csc\s' "$log" | awk '{ print $1 / 1000 }')")
    done
    a="$(printf '%s\n' "${times[@]}" | median)"; c="$(printf '%s\n' "${cscs[@]}" | median)"
    printf '| kernel-%s, density %s | %.2f | %.3f | %.1f%% |\n' "$files" "$density" "$c" "$a" "$(awk -v a="$a" -v c="$c" 'BEGIN { print 100 * a / c }')"
  done
fi
