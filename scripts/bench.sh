#!/usr/bin/env bash
# Runs the orm-bench JMH benchmarks (ORM against hand-written JDBC on the same SQLite file and settings),
# prints the table of medians and ratios, and measures W4's retained heap. See docs/benchmarks.md.
#
#   scripts/bench.sh --quick     1 fork, 8 warm-up + 8 measured single shots, N = 10,000 and 100,000 (~1.5 min on 2 cores)
#   scripts/bench.sh             2 forks, 8 warm-up + 15 measured single shots each, N = 10,000 and 100,000 (~4 min)
#   scripts/bench.sh [--quick] [extra JMH options, e.g. -prof gc, or a benchmark regex such as W4]
#
# Results: target/bench/result.json (JMH JSON), target/bench/table.md (the table), target/bench/heap.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
if [[ "${1:-}" == "--quick" ]]; then
  mode=quick
  shift
fi

if [[ "${ATHANOR_BENCH_SKIP_BUILD:-}" != "1" ]]; then
  mvn -B -q -DskipTests -pl orm-bench -am install
fi

jar=orm-bench/target/benchmarks.jar
out=target/bench
mkdir -p "$out"

if [[ $mode == quick ]]; then
  opts=(-f 1 -wi 8 -i 8)
else
  opts=(-f 2 -wi 8 -i 15)
fi

echo "== orm-bench ($mode): java -jar $jar ${opts[*]} $* -rf json -rff $out/result.json"
java -jar "$jar" "${opts[@]}" "$@" -rf json -rff "$out/result.json" | tee "$out/jmh.log"

echo
echo "== W4 retained heap, N = 100,000"
java -Xms1g -Xmx1g -cp "$jar" io.athanor.bench.HeapFootprint 100000 2>/dev/null | tee "$out/heap.txt"

echo
echo "== Table ($out/table.md)"
java -cp "$jar" io.athanor.bench.Report "$out/result.json" | tee "$out/table.md"
