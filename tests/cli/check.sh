#!/bin/sh
# SPDX-License-Identifier: MIT
# Command-line tests of the mosaic binary: the help outputs, every kind of
# bad input (exit status 1 and exactly one "mosaic: ..." line on stderr,
# nothing on stdout), and a few runs of small ARM programs on virt (the
# guest's semihosting exit status becomes mosaic's).  Runs that need
# arm-none-eabi-gcc are skipped without it.
#   MOSAIC=./mosaic ARM_CC=arm-none-eabi-gcc tests/cli/check.sh
src=$(cd "$(dirname "$0")/../.." && pwd)
mosaic=${MOSAIC:-./mosaic}
arm_cc=${ARM_CC-$(command -v arm-none-eabi-gcc)}
qemu=${QEMU_ARM-$(command -v qemu-system-arm)}
pass=0 fail=0 skip=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1: $2"; fail=$((fail + 1)); }
skipped() { echo "SKIP $1: $2"; skip=$((skip + 1)); }

if [ ! -x "$mosaic" ]; then
    echo "mosaic binary '$mosaic' is missing: build it with make"
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
fi

# run NAME ARGS...: mosaic with stdin from /dev/null, a 30 s limit;
# sets rc, out (stdout file), err (stderr file).
run() {
    name=$1; shift
    out=$tmp/$name.out err=$tmp/$name.err
    timeout 30 "$mosaic" "$@" </dev/null >"$out" 2>"$err"
    rc=$?
}

# expect_help NAME PATTERN ARGS...: exit 0, PATTERN on stdout.
expect_help() {
    name=$1 pat=$2; shift 2
    run "$name" "$@"
    if [ "$rc" -ne 0 ]; then
        ko "$name" "exit status $rc"
    elif ! grep -q -- "$pat" "$out"; then
        ko "$name" "'$pat' not in the output"
    else
        ok "$name"
    fi
}

# expect_error NAME PATTERN ARGS...: exit 1, one line "mosaic: ..." that
# contains PATTERN on stderr, nothing on stdout.
expect_error() {
    name=$1 pat=$2; shift 2
    run "$name" "$@"
    lines=$(wc -l <"$err")
    if [ "$rc" -ne 1 ]; then
        ko "$name" "exit status $rc, want 1 ($(head -c 200 "$err"))"
    elif [ "$lines" -ne 1 ] || ! grep -q '^mosaic: ' "$err"; then
        ko "$name" "want one 'mosaic: ' line on stderr, got: $(cat "$err")"
    elif ! grep -q -- "$pat" "$err"; then
        ko "$name" "'$pat' not in: $(cat "$err")"
    elif [ -s "$out" ]; then
        ko "$name" "unexpected stdout: $(head -c 200 "$out")"
    else
        ok "$name"
    fi
}

# ---- help and information ----
expect_help help "usage: mosaic" --help
expect_help help_short "-kernel" -h
expect_help version "Mosaic emulator version" --version
expect_help machine_help "^virt " -M help
expect_help cpu_help "cortex-a15" -M virt -cpu help
for item in in_asm op op_opt out_asm exec cpu int guest_errors unimp stats; do
    expect_help "log_help_$item" "^$item " -d help
done

# ---- bad command lines ----
expect_error unknown_option "-bogus" -bogus
expect_error missing_arg_m "requires an argument" -M virt -m
expect_error missing_arg_kernel "requires an argument" -M virt -kernel
expect_error missing_arg_M "requires an argument" -M
expect_error stray_argument "unexpected argument" -M virt disk.img
expect_error no_machine "no machine" -kernel x.elf
expect_error unknown_machine "unknown machine" -M vexpress -kernel x.elf
expect_error machine_props "unsupported machine property" \
    -M virt,highmem=off -kernel x.elf
expect_error no_kernel "no -kernel" -M virt
expect_error mem_zero "zero" -M virt -m 0 -kernel x.elf
expect_error mem_garbage "bad size" -M virt -m 12x -kernel x.elf
expect_error mem_empty "bad size" -M virt -m "" -kernel x.elf
expect_error mem_negative "bad size" -M virt -m -5M -kernel x.elf
expect_error mem_overflow "bad size" -M virt -m 99999999999999999999G \
    -kernel x.elf
expect_error mem_window "at most" -M virt -m 4G -kernel x.elf
expect_error mem_huge "at most" -M virt -m 100T -kernel x.elf
expect_error bad_log_item "unknown log item 'nope'" -M virt -d in_asm,nope \
    -kernel x.elf
expect_error bad_log_file "log file" -M virt -D /nonexistent/dir/log \
    -kernel x.elf
expect_error bad_accel "accelerator" -M virt -accel kvm -kernel x.elf
expect_error bad_backend "backend=" -M virt -accel tcg,backend=gpu \
    -kernel x.elf
expect_error bad_serial "-serial" -M virt -serial tcp::4444 -kernel x.elf
expect_error bad_display "-display" -M virt -display gtk -kernel x.elf
expect_error unknown_cpu "unknown CPU model 'cortex-z9'" -M virt \
    -cpu cortex-z9 -kernel x.elf

# ---- bad kernels ----
expect_error kernel_missing "No such file" -M virt -kernel "$tmp/none.elf"
expect_error kernel_dir "not a regular file" -M virt -kernel "$tmp"
: >"$tmp/empty.bin"
expect_error kernel_empty "empty" -M virt -kernel "$tmp/empty.bin"
printf '\177ELF\001\001\001\000\000\000' >"$tmp/trunc.elf"
expect_error kernel_truncated_header "truncated ELF header" -M virt \
    -kernel "$tmp/trunc.elf"
expect_error kernel_wrong_machine "is not ARM" -M virt -kernel "$mosaic"
head -c 3000000 /dev/zero >"$tmp/big.bin"
expect_error kernel_raw_too_big "do not fit" -M virt -m 2M \
    -kernel "$tmp/big.bin"

# ---- Linux boot inputs: -initrd, -dtb, -bios, -smp, dumpdtb ----
printf 'raw kernel' >"$tmp/raw.img"
expect_error smp_zero "-smp 0" -M virt -smp 0 -kernel "$tmp/raw.img"
expect_error smp_too_many "1 to 8" -M virt -smp 9 -kernel "$tmp/raw.img"
expect_error initrd_missing "could not load initrd" -M virt \
    -kernel "$tmp/raw.img" -initrd "$tmp/none.gz"
expect_error initrd_empty "empty" -M virt -kernel "$tmp/raw.img" \
    -initrd "$tmp/empty.bin"
printf 'not an archive at all' >"$tmp/junk.initrd"
expect_error initrd_garbage "not an initramfs" -M virt \
    -kernel "$tmp/raw.img" -initrd "$tmp/junk.initrd"
printf 'hello initrd\n' | gzip -c >"$tmp/good.gz"
head -c 20 "$tmp/good.gz" >"$tmp/trunc.gz"
expect_error initrd_truncated_gzip "truncated gzip" -M virt \
    -kernel "$tmp/raw.img" -initrd "$tmp/trunc.gz"
expect_error dtb_garbage "not a device tree" -M virt \
    -kernel "$tmp/raw.img" -dtb "$tmp/junk.initrd"
expect_error bios_and_kernel "-bios with -kernel" -M virt \
    -bios "$tmp/raw.img" -kernel "$tmp/raw.img"
# A zImage header (magic at 0x24) that claims more bytes than the file has.
python3 -c 'import struct,sys; h=bytearray(64); h[0x24:0x30]=struct.pack("<III",0x016f2818,0,0x100000); sys.stdout.buffer.write(bytes(h))' \
    >"$tmp/trunc.zimage"
expect_error zimage_truncated "truncated zImage" -M virt \
    -kernel "$tmp/trunc.zimage"
expect_error drive_missing "cannot open disk image" -M virt \
    -drive file="$tmp/none.img",format=raw,if=virtio -kernel "$tmp/raw.img"
expect_error drive_qcow2 "only raw" -M virt \
    -drive file="$tmp/raw.img",format=qcow2,if=virtio -kernel "$tmp/raw.img"
expect_error drive_if_ide "if=ide" -M virt \
    -drive file="$tmp/raw.img",if=ide -kernel "$tmp/raw.img"
expect_error device_no_drive "no -drive if=none with id=d9" -M virt \
    -device virtio-blk-device,drive=d9 -kernel "$tmp/raw.img"
expect_error device_unknown "not available" -M virt -device e1000 \
    -kernel "$tmp/raw.img"
run dumpdtb -M virt,dumpdtb="$tmp/virt.dtb" -smp 2 -append "console=ttyAMA0"
if [ "$rc" -ne 0 ] || [ ! -s "$tmp/virt.dtb" ]; then
    ko dumpdtb "exit status $rc, $(cat "$err")"
elif ! grep -q "console=ttyAMA0" "$tmp/virt.dtb" ||
     ! grep -q "arm,cortex-a15-gic" "$tmp/virt.dtb"; then
    ko dumpdtb "bootargs or the GIC missing from the tree"
else
    ok dumpdtb
fi
# The dumped tree is accepted back by -dtb; a truncated copy is not.
run dtb_round_trip -M virt -dtb "$tmp/virt.dtb" \
    -machine dumpdtb="$tmp/virt2.dtb" -kernel "$tmp/raw.img"
if [ "$rc" -eq 0 ] && [ -s "$tmp/virt2.dtb" ]; then
    ok dtb_round_trip
else
    ko dtb_round_trip "exit status $rc, $(cat "$err")"
fi
head -c 200 "$tmp/virt.dtb" >"$tmp/trunc.dtb"
expect_error dtb_truncated "truncated device tree" -M virt \
    -kernel "$tmp/raw.img" -dtb "$tmp/trunc.dtb"
if command -v dtc >/dev/null 2>&1; then
    if dtc -I dtb -O dts "$tmp/virt.dtb" 2>/dev/null | grep -q "cpu@1"; then
        ok dumpdtb_dtc
    else
        ko dumpdtb_dtc "dtc cannot read the tree or cpu@1 is missing"
    fi
else
    skipped dumpdtb_dtc "dtc is missing (apt-get install -y device-tree-compiler)"
fi

# ---- the terminal (-nographic under a pty; hand-assembled guests) ----
if command -v python3 >/dev/null 2>&1; then
    python3 "$src/tests/cli/tty.py" "$mosaic" >"$tmp/tty.txt" 2>&1
    grep -E '^(PASS|FAIL|SKIP)' "$tmp/tty.txt"
    line=$(grep -E '^[0-9]+ passed' "$tmp/tty.txt")
    if [ -z "$line" ]; then
        ko tty "tests/cli/tty.py gave no summary: $(tail -n 3 "$tmp/tty.txt")"
    else
        set -- $line
        pass=$((pass + $1)) fail=$((fail + $3)) skip=$((skip + $5))
    fi
else
    skipped tty "python3 is missing"
fi

# ---- ARM programs (need the cross compiler) ----
if [ -z "$arm_cc" ]; then
    for t in kernel_truncated_segments kernel_outside_ram demo_run \
             demo_same_as_qemu exit_status exit_status_interp raw_image \
             wfi_timer_irq log_stats; do
        skipped "$t" "arm-none-eabi-gcc is missing"
    done
    echo "$pass passed, $fail failed, $skip skipped"
    [ "$fail" -eq 0 ]
    exit
fi

armcc() {
    "$arm_cc" -marm -mcpu=cortex-a15 -nostdlib -ffreestanding "$@"
}

# A program that prints one line on the UART and exits with status 3.
cat >"$tmp/exit3.S" <<'EOS'
    .syntax unified
    .arm
    .global _start
_start:
    ldr     sp, =0x40100000
    ldr     r1, =0x09000000
    adr     r2, msg
1:  ldrb    r3, [r2], #1
    cmp     r3, #0
    strne   r3, [r1]
    bne     1b
    mov     r0, #3
    push    {r0}
    ldr     r0, =0x20026
    push    {r0}
    mov     r1, sp
    mov     r0, #0x20
    svc     0x123456
2:  b       2b
msg: .asciz "exit3 here\n"
EOS
armcc -Ttext=0x40000000 -o "$tmp/exit3.elf" "$tmp/exit3.S"
armcc -Ttext=0x30000000 -o "$tmp/low.elf" "$tmp/exit3.S"   # a hole
head -c 200 "$tmp/exit3.elf" >"$tmp/cut.elf"
expect_error kernel_truncated_segments "truncated ELF file" -M virt \
    -kernel "$tmp/cut.elf"
expect_error kernel_outside_ram "outside RAM" -M virt -kernel "$tmp/low.elf"

make_demo() {
    demo=$tmp/hello.elf
    armcc -O2 -T "$src/roms/demo/link.ld" -o "$demo" \
        "$src/roms/demo/start.S" "$src/roms/demo/hello.c" -lgcc
}

make_demo
run demo_run -M virt -nographic -semihosting -kernel "$demo"
if [ "$rc" -eq 0 ] && grep -q "Hello from Mosaic" "$out" &&
   grep -q "primes below 10000: 1229" "$out"; then
    ok demo_run
else
    ko demo_run "exit $rc: $(head -c 300 "$out") $(head -c 300 "$err")"
fi

# The same program on qemu-system-arm prints the same bytes.
if [ -z "$qemu" ]; then
    skipped demo_same_as_qemu "qemu-system-arm is missing"
else
    cp "$out" "$tmp/demo.mosaic"
    timeout 30 "$qemu" -M virt -nographic -semihosting -kernel "$demo" \
        </dev/null >"$tmp/demo.qemu" 2>/dev/null
    if cmp -s "$tmp/demo.mosaic" "$tmp/demo.qemu"; then
        ok demo_same_as_qemu
    else
        ko demo_same_as_qemu "output differs from qemu-system-arm's"
    fi
fi

for mode in jit interp; do
    name=exit_status; [ "$mode" = interp ] && name=exit_status_interp
    run "$name" -M virt -m 64M -nographic -semihosting \
        -accel "tcg,backend=$mode" -kernel "$tmp/exit3.elf"
    if [ "$rc" -eq 3 ] && grep -q "exit3 here" "$out"; then
        ok "$name"
    else
        ko "$name" "exit $rc, want 3: $(head -c 300 "$err")"
    fi
done

# A raw image runs from RAM + 0x10000 with r0 = 0, r1 = ~0 (as QEMU).
cat >"$tmp/raw.S" <<'EOS'
    .syntax unified
    .arm
    .global _start
_start:
    ldr     sp, =0x40100000
    adr     r4, _start
    ldr     r5, =0x40010000
    cmp     r4, r5
    moveq   r4, #0
    cmpeq   r0, #0
    addeq   r1, r1, #1
    cmpeq   r1, #0
    moveq   r0, #7              /* status 7: all as expected */
    movne   r0, #1
    push    {r0}
    ldr     r0, =0x20026
    push    {r0}
    mov     r1, sp
    mov     r0, #0x20
    svc     0x123456
EOS
armcc -Ttext=0x40010000 -o "$tmp/raw.elf" "$tmp/raw.S"
"${arm_cc%gcc}objcopy" -O binary "$tmp/raw.elf" "$tmp/raw.bin"
run raw_image -M virt -nographic -semihosting -kernel "$tmp/raw.bin"
if [ "$rc" -eq 7 ]; then
    ok raw_image
else
    ko raw_image "exit $rc, want 7: $(head -c 300 "$err")"
fi

# WFI sleeps until the generic timer fires through the GIC: physical
# timer (PPI 14, INTID 30) armed for 200 ms, IRQ handler exits with 7.
cat >"$tmp/wfi.S" <<'EOS'
    .syntax unified
    .arm
    .global _start
_start:
    b       start
    .rept   5
    b       .
    .endr
    b       irq                 /* vector 0x18 */
    b       .
start:
    ldr     r0, =_start
    mcr     p15, 0, r0, c12, c0, 0      /* VBAR */
    cps     #0x12
    ldr     sp, =0x400f0000
    cps     #0x13
    ldr     sp, =0x40100000
    ldr     r0, =0x08000000             /* GICD */
    mov     r1, #1
    str     r1, [r0]
    mov     r1, #(1 << 30)
    str     r1, [r0, #0x100]            /* ISENABLER0: INTID 30 */
    ldr     r0, =0x08010000             /* GICC */
    mov     r1, #0xff
    str     r1, [r0, #4]                /* PMR */
    mov     r1, #1
    str     r1, [r0]                    /* CTLR */
    ldr     r1, =12500000               /* 200 ms at 62.5 MHz */
    mcr     p15, 0, r1, c14, c2, 0      /* CNTP_TVAL */
    mov     r1, #1
    mcr     p15, 0, r1, c14, c2, 1      /* CNTP_CTL: enable */
    cpsie   i
1:  wfi
    b       1b
irq:
    ldr     r0, =0x08010000
    ldr     r1, [r0, #0xc]              /* IAR */
    cmp     r1, #30
    moveq   r0, #7
    movne   r0, #1
    ldr     sp, =0x400f0000
    push    {r0}
    ldr     r0, =0x20026
    push    {r0}
    mov     r1, sp
    mov     r0, #0x20
    svc     0x123456
EOS
armcc -Ttext=0x40000000 -o "$tmp/wfi.elf" "$tmp/wfi.S"
start_ns=$(date +%s%N)
run wfi_timer_irq -M virt -nographic -semihosting -kernel "$tmp/wfi.elf"
ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
if [ "$rc" -ne 7 ]; then
    ko wfi_timer_irq "exit $rc, want 7: $(head -c 300 "$err")"
elif [ "$ms" -lt 190 ]; then
    ko wfi_timer_irq "exited after $ms ms, before the 200 ms timer"
else
    ok wfi_timer_irq
fi

run log_stats -M virt -nographic -semihosting -d stats -D "$tmp/log.txt" \
    -kernel "$tmp/exit3.elf"
if [ "$rc" -eq 3 ] && grep -q "TBs translated" "$tmp/log.txt" &&
   [ ! -s "$err" ]; then
    ok log_stats
else
    ko log_stats "exit $rc; log: $(head -c 200 "$tmp/log.txt" 2>/dev/null)"
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
