#!/bin/sh
# SPDX-License-Identifier: MIT
# Tests for scripts/decodetree.py.  For each succ_*.decode: generate the
# decoder (decision tree and --linear), compile it with stub trans_
# functions (stubs.py) and driver.c, check the "#> INSN CALLS" vectors in
# the spec, compare tree against linear on many words, and check that the
# output is deterministic.  Each err_*.decode must fail with the message
# in its "#! error: LINE: TEXT" line.  Random specs from "stubs.py fuzz"
# and frontend/*/*.decode are generated, compiled and compared tree
# against linear too.
# Spec directives: "#! args: OPTIONS" for the generator, "#! also: FILE
# OPTIONS" for a second decoder tried after the first (e.g. !extern).
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
gen="$root/scripts/decodetree.py"
cc=${CC:-cc}
pass=0 fail=0 skip=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

if ! command -v python3 >/dev/null 2>&1 || ! command -v "$cc" >/dev/null 2>&1
then
    echo "skipped: python3 or $cc not found"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
fi

# the interpreter itself, not a wrapper script (pyenv shims are slow)
py=$(python3 -c 'import sys; print(sys.executable)')
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
cflags="-std=gnu11 -O1 -Wall -Wextra -Werror -I$here"

# build NAME SPEC ARGS [ALSO-SPEC ALSO-ARGS]: makes $work/NAME-tree and
# $work/NAME-linear; returns 1 after reporting a failure.
build() {
    name=$1 spec=$2 args=$3 also=$4 also_args=$5
    for mode in tree linear; do
        flag=""
        [ $mode = linear ] && flag=--linear
        out=$work/$name-$mode.c.inc
        # shellcheck disable=SC2086
        if ! "$py" "$gen" $flag $args -o "$out" "$spec" \
                2> "$work/err"; then
            bad "$name: generator failed: $(cat "$work/err")"
            return 1
        fi
        fn=$(sed -n 's/^static bool \([A-Za-z0-9_]*\)(DisasContext \*ctx, uint[0-9]*_t insn)$/\1/p' "$out")
        incs="$out:$fn:$spec"
        if [ -n "$also" ]; then
            out2=$work/$name-also-$mode.c.inc
            # shellcheck disable=SC2086
            if ! "$py" "$gen" $flag $also_args -o "$out2" "$also" \
                    2> "$work/err"; then
                bad "$name: generator failed on $also: $(cat "$work/err")"
                return 1
            fi
            fn2=$(sed -n 's/^static bool \([A-Za-z0-9_]*\)(DisasContext \*ctx, uint[0-9]*_t insn)$/\1/p' "$out2")
            incs="$incs $out2:$fn2:$also"
        fi
        # shellcheck disable=SC2086
        if ! "$py" "$here/stubs.py" stubs $incs > "$work/$name-$mode.c" \
                2> "$work/err"; then
            bad "$name: stubs.py failed: $(cat "$work/err")"
            return 1
        fi
        # shellcheck disable=SC2086
        if ! $cc $cflags -o "$work/$name-$mode" "$here/driver.c" \
                "$work/$name-$mode.c" 2> "$work/err"; then
            bad "$name: $mode decoder does not compile:"
            head -20 "$work/err"
            return 1
        fi
    done
    ok
    return 0
}

# compare NAME SPEC ARGS: tree and linear agree on many words
compare() {
    name=$1 spec=$2 args=$3
    width=$(echo "$args" | sed -n 's/.*--insnwidth[= ]*\([0-9]*\).*/\1/p')
    "$py" "$here/stubs.py" words --insnwidth "${width:-32}" "$spec" \
        > "$work/words" || { bad "$name: words"; return; }
    "$work/$name-tree" random < "$work/words" > "$work/tree.out"
    "$work/$name-linear" random < "$work/words" > "$work/linear.out"
    if cmp -s "$work/tree.out" "$work/linear.out"; then
        ok
    else
        bad "$name: tree and linear decoders differ:"
        diff "$work/linear.out" "$work/tree.out" | head -10
    fi
}

for spec in "$here"/succ_*.decode; do
    [ -e "$spec" ] || continue
    name=$(basename "$spec" .decode)
    args=$(sed -n 's/^#! args: //p' "$spec")
    also=$(sed -n 's/^#! also: \([^ ]*\).*/\1/p' "$spec")
    also_args=$(sed -n 's/^#! also: [^ ]* *//p' "$spec")
    [ -n "$also" ] && also=$here/$also
    build "$name" "$spec" "$args" "$also" "$also_args" || continue
    sed -n 's/^#> //p' "$spec" > "$work/vectors"
    "$work/$name-tree" check < "$work/vectors" > "$work/check.out"
    p=$(grep -c '^PASS' "$work/check.out")
    f=$(grep -c '^FAIL' "$work/check.out")
    pass=$((pass + p)) fail=$((fail + f))
    echo "$name: $p vectors passed, $f failed"
    grep '^FAIL' "$work/check.out" | sed "s|^|$name: |"
    "$work/$name-linear" check < "$work/vectors" | grep '^FAIL' \
        | sed "s|^|$name (linear): |" > "$work/lin.out"
    if [ -s "$work/lin.out" ]; then
        bad "$name: linear decoder fails vectors"; cat "$work/lin.out"
    else
        ok
    fi
    compare "$name" "$spec" "$args"
    # shellcheck disable=SC2086
    "$py" "$gen" $args -o "$work/again.c.inc" "$spec"
    if cmp -s "$work/again.c.inc" "$work/$name-tree.c.inc"; then
        ok
    else
        bad "$name: output is not deterministic"
    fi
done

nerr=0
for spec in "$here"/err_*.decode; do
    [ -e "$spec" ] || continue
    nerr=$((nerr + 1))
    name=$(basename "$spec" .decode)
    want=$(sed -n 's/^#! error: //p' "$spec")
    args=$(sed -n 's/^#! args: //p' "$spec")
    rm -f "$work/out.c.inc"
    # shellcheck disable=SC2086
    "$py" "$gen" $args -o "$work/out.c.inc" "$spec" 2> "$work/err"
    rc=$?
    if [ $rc -ne 1 ]; then
        bad "$name: exit status $rc, want 1"
    elif [ -e "$work/out.c.inc" ]; then
        bad "$name: output written despite the error"
    elif ! grep -qF "$spec:$want" "$work/err"; then
        bad "$name: want \"$spec:$want\", got \"$(cat "$work/err")\""
    else
        ok
    fi
done
echo "error specs: $nerr checked"

# Command line: default decoder name, bad options, missing files.
printf 'A 0000 0000 .... .... .... .... .... ....\n' > "$work/my-isa.v2.decode"
if "$py" "$gen" -o "$work/cli.c.inc" "$work/my-isa.v2.decode" &&
    grep -q '^static bool decode_my_isa_v2(DisasContext \*ctx, uint32_t insn)$' \
        "$work/cli.c.inc"; then
    ok
else
    bad "cli: default decoder name is not decode_my_isa_v2"
fi
for opts in "--insnwidth 64" "--varinsnwidth 32" "--translate x" \
        "--no-such-option"; do
    # shellcheck disable=SC2086
    "$py" "$gen" $opts -o "$work/cli2.c.inc" "$work/my-isa.v2.decode" \
        2> "$work/err"
    rc=$?
    if [ $rc -eq 1 ] && [ ! -e "$work/cli2.c.inc" ] &&
        [ "$(wc -l < "$work/err")" -eq 1 ]; then
        ok
    else
        bad "cli: $opts: exit $rc, want 1 with a one-line message"
    fi
done
if "$py" "$gen" "$work/nonexistent.decode" 2> /dev/null; then
    bad "cli: a missing spec file is not an error"
else
    ok
fi

# Random specs with nested groups (stubs.py fuzz): tree against linear.
nfuzz=0
for seed in 1 2 3 4 5 6; do
    "$py" "$here/stubs.py" fuzz $seed > "$work/fuzz$seed.decode"
    build "fuzz$seed" "$work/fuzz$seed.decode" "--insnwidth 16" || continue
    compare "fuzz$seed" "$work/fuzz$seed.decode" "--insnwidth 16"
    nfuzz=$((nfuzz + 1))
done
echo "random specs: $nfuzz built and compared"

for spec in "$root"/frontend/*/*.decode; do
    [ -e "$spec" ] || continue
    name=$(echo "${spec#"$root"/}" | tr '/.' '__')
    build "$name" "$spec" "" || continue
    compare "$name" "$spec" ""
    echo "${spec#"$root"/}: generated, compiled, tree == linear"
done

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
