#!/usr/bin/env bash
# Records every verdict napkin gives on the fixtures, the scenario designs and
# a few generated large designs, one file per run, so that a change meant to
# be behaviour-free (a speed-up) can be checked byte for byte:
#
#   scripts/verdicts.sh target/release/napkin /tmp/verdicts-before
#   ... change, rebuild ...
#   scripts/verdicts.sh target/release/napkin /tmp/verdicts-after
#   diff -r /tmp/verdicts-before /tmp/verdicts-after && echo identical
#
# Each output file holds the command's stdout, then its stderr and exit code.
# The generated designs come from `examples/gen_design.rs` (built here).
# SKIP_HUGE=1 leaves out the 30,000-component design.
set -u
bin=${1:?usage: verdicts.sh NAPKIN_BINARY OUT_DIR}
out=${2:?usage: verdicts.sh NAPKIN_BINARY OUT_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
mkdir -p "$out"
gen_dir=${GEN_DIR:-/tmp/napkin-verdict-designs}
mkdir -p "$gen_dir"

# One run: the name of its output file, then the napkin arguments.
run() {
    local name=$1
    shift
    local file="$out/$name"
    "$bin" "$@" >"$file" 2>"$file.stderr"
    echo "exit $?" >>"$file.stderr"
}

# A design path made into a file name.
flat() { echo "$1" | sed 's|^\./||; s|/|__|g'; }

cd "$root" || exit 1
while IFS= read -r f; do
    run "score__$(flat "$f").json" score "$f" --format json --color never
done < <(find tests/fixtures scenarios -name '*.napkin.yaml' | sort)

# Drills (the failed-component path of the engine) on the scenario designs.
while IFS= read -r f; do
    run "drill-spike__$(flat "$f").json" drill "$f" --spike 8 --format json --color never
    for fail in database cache queue; do
        run "drill-${fail}__$(flat "$f").json" drill "$f" --fail "$fail" --format json --color never
    done
done < <(find scenarios tests/fixtures/designs -name '*.napkin.yaml' | sort)

while IFS= read -r f; do
    run "review__$(flat "$f").json" review "$f" --format json --color never
done < <(find tests/fixtures/compose -name '*.yml' | sort)

# Generated designs: components, clients.
sizes=("100 1" "100 20" "100 200" "300 5" "1000 20" "3000 20" "10000 1" "10000 20" "10000 200")
[ "${SKIP_HUGE:-0}" = 1 ] || sizes+=("30000 20")
for s in "${sizes[@]}"; do
    set -- $s
    g="$gen_dir/gen-$1-$2.napkin.yaml"
    if [ ! -f "$g" ]; then
        cargo build --release --quiet --example gen_design || exit 1
        target/release/examples/gen_design "$1" "$2" "$g" || exit 1
    fi
    run "score__gen-$1-$2.json" score "$g" --format json --color never
done
for s in "1000 20" "10000 20"; do
    set -- $s
    g="$gen_dir/gen-$1-$2.napkin.yaml"
    run "drill-spike__gen-$1-$2.json" drill "$g" --spike 8 --format json --color never
    run "drill-fail__gen-$1-$2.json" drill "$g" --fail c7 --fail c12 --format json --color never
done
echo "$(find "$out" -type f -not -name '*.stderr' | wc -l) runs recorded in $out"
