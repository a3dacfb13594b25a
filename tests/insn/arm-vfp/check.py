# SPDX-License-Identifier: MIT
"""VFP instruction tests: every *.S and *.c here is one bare-metal program
(built with tests/guest-lib/arm), run on qemu-system-arm for the expected
output, then on mosaic with the JIT and the interpreter; cases compared
one by one.  The comparison rules (KNOWN-DIFF, EXPECT-EXIT) are those of
tests/insn/arm/check.py, which this imports.  See README.md."""
import glob
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', 'guest-lib', 'arm'))
import armtest  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    'insn_arm_check', os.path.join(HERE, '..', 'arm', 'check.py'))
base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base)


def main():
    tools = armtest.Tools()
    srcs = sorted(glob.glob(os.path.join(HERE, '*.S')) +
                  glob.glob(os.path.join(HERE, '*.c')))
    wanted = set(sys.argv[1:])
    name = lambda s: os.path.splitext(os.path.basename(s))[0]  # noqa: E731
    if wanted:
        srcs = [s for s in srcs if name(s) in wanted]
    progs = [name(s) for s in srcs]
    why = tools.missing_build()
    if why:
        for p in progs:
            print('SKIP %s: %s' % (p, why))
        return armtest.summary(0, 0, len(progs))
    bdir = armtest.build_dir('insn-arm-vfp')
    elfs = [os.path.join(bdir, p + '.elf') for p in progs]
    errs = armtest.parallel(tools, lambda i: armtest.build_elf(
        tools, [srcs[i]], elfs[i]), range(len(srcs)))
    refs = armtest.parallel(tools, lambda i: (None, 'build failed:\n' + errs[i])
                            if errs[i] else base.reference(
                                tools, progs[i], srcs[i], elfs[i]),
                            range(len(srcs)))
    passed = failed = skipped = 0
    mwhy = tools.missing_mosaic()
    jobs = []
    for i, p in enumerate(progs):
        cases, err = refs[i]
        if cases is None:
            print('FAIL %s: %s' % (p, err))
            failed += 1
        elif mwhy:
            print('SKIP %s: %d cases x %d modes: %s' % (
                p, len(cases), len(armtest.MODES), mwhy))
            skipped += len(cases) * len(armtest.MODES)
        else:
            jobs += [(i, m) for m in armtest.MODES]
    limits = armtest.Timeouts(120)
    results = armtest.parallel(tools, lambda j: armtest.run_mosaic(
        tools, elfs[j[0]], j[1][1], limits), jobs)
    for (i, mode), res in zip(jobs, results):
        p, f = base.compare(progs[i], mode[0], refs[i][0], res,
                            base.expected_exit(srcs[i]))
        passed += p
        failed += f
    return armtest.summary(passed, failed, skipped)


if __name__ == '__main__':
    sys.exit(main())
