#!/bin/bash
# Dumps what a build makes of the benchmark programs and of each shape of
# the scale example at 1,000 lines: the optimized IR (`minijit ir --opt`)
# and the machine code (`minijit asm`), one file each, so that two builds
# can be compared with `diff -r`. A change meant only to make the compiler
# faster must leave the dumps the same:
#
#   cargo build --release -p host --bins --examples
#   bench/same_code.sh target/release /tmp/before     # on the old build
#   bench/same_code.sh target/release /tmp/after      # on the new one
#   diff -r /tmp/before /tmp/after
#
# DIR is a release directory holding `minijit` and `examples/scale`.
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: bench/same_code.sh DIR OUT (DIR: a release directory, such as target/release)" >&2
    exit 2
fi
bin=$1/minijit
scale=$1/examples/scale
for tool in "$bin" "$scale"; do
    if [ ! -x "$tool" ]; then
        echo "same_code.sh: no $tool (cargo build --release -p host --bins --examples)" >&2
        exit 2
    fi
done
out=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The benchmark programs: the files that name their call in a `# bench:` line.
for file in $(grep -l '^# bench:' "$here"/*.py); do
    name=$(basename "$file" .py)
    "$bin" ir --opt "$file" > "$out/$name.ir"
    "$bin" asm "$file" > "$out/$name.asm"
done
# The shapes the scale example knows, from its own list.
shapes=$("$scale" --list)
for shape in $shapes; do
    "$scale" --source "$shape" 1000 > "$work/$shape.py"
    "$bin" ir --opt "$work/$shape.py" > "$out/scale_$shape.ir"
    "$bin" asm "$work/$shape.py" > "$out/scale_$shape.asm"
done
echo "$(ls "$out" | wc -l) files in $out"
