# SPDX-License-Identifier: MIT
"""A32 and Thumb-2 differential suite: generate random instruction
sequences (gen.py, gen_thumb.py, fixed seed), build them in batches, run
every batch on qemu-system-arm and on mosaic (JIT and interpreter), and
compare the per-sequence dumps.  One count per sequence: it passes when
both mosaic modes match qemu.

Environment: DIFF_SEED (default 20261122), DIFF_COUNT (5000 A32
sequences), DIFF_THUMB_COUNT (2000 Thumb sequences), DIFF_BATCH (250 per
ELF), BUILD_DIR, MOSAIC, ARM_CC, QEMU_ARM, JOBS."""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', 'guest-lib', 'arm'))
sys.path.insert(0, HERE)
import armtest  # noqa: E402
import gen  # noqa: E402
import gen_thumb  # noqa: E402

NAMES = ['r%d' % i for i in range(13)] + ['lr', 'cpsr', 'memsum']
LINE_RE = re.compile(r'^s([0-9a-f]{8}):((?: [0-9a-f]{8}){16})$')
MAX_REPORTS = 10


def parse(text):
    """{sequence index: [16 words]} from a batch's output."""
    out = {}
    for line in text.splitlines():
        m = LINE_RE.match(line.strip())
        if m:
            out[int(m.group(1), 16)] = m.group(2).split()
    return out


def disassemble(tools, elf, idx):
    """objdump of one sequence body (between seq_N_body and seq_N_end)."""
    try:
        syms = subprocess.run([tools.objdump.replace('objdump', 'nm'), elf],
                              stdout=subprocess.PIPE, check=True).stdout.decode()
    except (OSError, subprocess.CalledProcessError, AttributeError):
        return None
    addr = {}
    for line in syms.splitlines():
        parts = line.split()
        if len(parts) == 3:
            addr[parts[2]] = int(parts[0], 16)
    lo, hi = addr.get('seq_%d_body' % idx), addr.get('seq_%d_end' % idx)
    if lo is None or hi is None:
        return None
    p = subprocess.run([tools.objdump, '-d', '--start-address=0x%x' % lo,
                        '--stop-address=0x%x' % hi, elf], stdout=subprocess.PIPE)
    lines = p.stdout.decode(errors='replace').splitlines()
    return [x for x in lines if re.match(r'^\s*[0-9a-f]+:\s', x)]


def report(tools, elf, idx, body, init, mode, want, got):
    print('FAIL seq %d [%s]' % (idx, mode))
    print('    initial: ' + ' '.join('%s=%08x' % (n, v) for n, v in zip(NAMES, init)))
    dis = disassemble(tools, elf, idx) if tools.objdump else None
    for line in dis or ['    ' + x for x in body]:
        print('    ' + line.strip())
    if got is None:
        print('    no result line from mosaic')
        return
    for name, w, g in zip(NAMES, want, got):
        if w != g:
            print('    %-6s expected %s got %s' % (name, w, g))


def compare_batch(tools, name, elf, seqs, mode, want, res, shown):
    """Indices of the sequences whose results differ in one mosaic mode."""
    got = parse(res.out)
    if res.rc != 0:
        print('FAIL %s [%s]: mosaic %s, %d of %d results; stderr: %s' % (
            name, mode, res.describe(), len(got), len(seqs), res.err.strip()[-400:]))
    bad = set()
    for idx, body, init in seqs:
        if got.get(idx) == want[idx]:
            continue
        bad.add(idx)
        if shown[0] < MAX_REPORTS:
            report(tools, elf, idx, body, init, mode, want[idx], got.get(idx))
            shown[0] += 1
    return bad


def run_pass(tools, label, genmod, count, seed, bsize):
    """Generate, build and run one pass (A32 or Thumb); returns the
    (passed, failed, skipped) counts."""
    why = tools.missing_build()
    if why:
        print('SKIP all %d %s sequences: %s' % (count, label, why))
        return 0, 0, count
    bdir = armtest.build_dir('diff-arm')
    batches = genmod.generate(seed, count, bsize, bdir)
    elfs = [os.path.splitext(p)[0] + '.elf' for p, _ in batches]

    def build(i):
        src, elf = batches[i][0], elfs[i]
        deps = [src, os.path.join(HERE, 'harness.c')] + [
            os.path.join(armtest.LIB, f) for f in ('start.S', 'lib.c', 'link.ld')]
        if os.path.exists(elf) and os.path.getmtime(elf) > max(
                os.path.getmtime(d) for d in deps):
            return None
        return armtest.build_elf(tools, [src, os.path.join(HERE, 'harness.c')], elf)
    errs = armtest.parallel(tools, build, range(len(batches)))
    refs = armtest.parallel(tools, lambda i: None if errs[i] else
                            armtest.run_qemu(tools, elfs[i]), range(len(batches)))
    mwhy = tools.missing_mosaic()
    modes = dict(armtest.MODES)
    jobs = [] if mwhy else [(i, m) for i in range(len(batches)) if refs[i]
                            and refs[i].rc == 0 for m in modes]
    limits = armtest.Timeouts(60)
    runs = dict(zip(jobs, armtest.parallel(tools, lambda j: armtest.run_mosaic(
        tools, elfs[j[0]], modes[j[1]], limits), jobs)))
    passed = failed = skipped = 0
    shown = [0]
    for i, (src, seqs) in enumerate(batches):
        name = os.path.basename(src)
        if errs[i]:
            print('FAIL %s: build failed (%d sequences)\n%s' % (name, len(seqs), errs[i]))
            failed += len(seqs)
            continue
        want = parse(refs[i].out)
        if refs[i].rc != 0 or len(want) != len(seqs):
            print('FAIL %s: qemu reference run failed (%s, %d of %d results)' % (
                name, refs[i].describe(), len(want), len(seqs)))
            failed += len(seqs)
            continue
        if mwhy:
            print('SKIP %s: %d sequences: %s' % (name, len(seqs), mwhy))
            skipped += len(seqs)
            continue
        bad = set()
        for mode in modes:
            bad |= compare_batch(tools, name, elfs[i], seqs, mode, want,
                                 runs[(i, mode)], shown)
        passed += len(seqs) - len(bad)
        failed += len(bad)
        if not bad:
            print('PASS %s: %d sequences' % (name, len(seqs)))
        else:
            print('FAIL %s: %d of %d sequences differ' % (name, len(bad), len(seqs)))
    if shown[0] >= MAX_REPORTS:
        print('(details shown for the first %d %s mismatches only)' % (
            MAX_REPORTS, label))
    print('%s: seed %d, %d sequences in batches of %d' % (label, seed, count, bsize))
    return passed, failed, skipped


def main():
    tools = armtest.Tools()
    seed = int(os.environ.get('DIFF_SEED', '20261122'))
    bsize = int(os.environ.get('DIFF_BATCH', '250'))
    total = [0, 0, 0]
    for label, genmod, var, default in (('A32', gen, 'DIFF_COUNT', '5000'),
                                        ('Thumb', gen_thumb, 'DIFF_THUMB_COUNT',
                                         '2000')):
        count = int(os.environ.get(var, default))
        if count <= 0:
            continue
        res = run_pass(tools, label, genmod, count, seed, bsize)
        total = [a + b for a, b in zip(total, res)]
    return armtest.summary(*total)


if __name__ == '__main__':
    sys.exit(main())
