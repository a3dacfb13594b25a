# SPDX-License-Identifier: MIT
"""A32 instruction tests: build every *.S here, run it on qemu-system-arm
for the expected output (with the known differences below applied), then on
mosaic with the JIT and with the interpreter, and compare case by case.
One count per case and mosaic mode; see README.md."""
import glob
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', '..', 'guest-lib', 'arm'))
import armtest  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_DETAILS = 8
EXIT_RE = re.compile(r'EXPECT-EXIT:\s*(\d+)')
KNOWN_RE = re.compile(r'KNOWN-DIFF:\s*(\S+)\s*=>\s*(.*?)\s*\|\s*(.*)$')


def known_diffs(src):
    """{case: (expected line, reason)} from '// KNOWN-DIFF: case => line | why'."""
    out = {}
    with open(src) as f:
        for line in f:
            m = KNOWN_RE.search(line)
            if m:
                out[m.group(1)] = (m.group(2), m.group(3))
    return out


def expected_exit(src):
    """Exit status the program asks for ('// EXPECT-EXIT: n'), default 0."""
    with open(src) as f:
        m = EXIT_RE.search(f.read())
    return int(m.group(1)) if m else 0


def output_of(res):
    """UART output plus the semihosting console lines (stderr, 'sh-')."""
    sh = [x for x in res.err.splitlines() if x.startswith('sh-')]
    return res.out + ''.join(x + '\n' for x in sh)


def parse_cases(text):
    """Ordered [(case, line)]; lines without 'name:' become their own case."""
    cases, seen = [], {}
    for line in text.splitlines():
        line = line.rstrip('\r')
        if not line.strip():
            continue
        name = line.split(':', 1)[0] if ':' in line else line
        n = seen.get(name, 0)
        seen[name] = n + 1
        cases.append((name if n == 0 else '%s#%d' % (name, n), line))
    return cases


def reference(tools, prog, src, elf):
    """Expected cases for one program, or (None, reason)."""
    res = armtest.run_qemu(tools, elf)
    if res.rc != expected_exit(src):
        return None, 'qemu reference run failed (%s): %s' % (
            res.describe(), (res.out + res.err).strip()[-400:])
    cases = parse_cases(output_of(res))
    kd = known_diffs(src)
    fixed = []
    for name, line in cases:
        if name in kd:
            want, why = kd[name]
            note = 'qemu agrees now' if want == line else 'qemu gives ' + repr(line)
            print('NOTE %s:%s known difference (%s): %s' % (prog, name, note, why))
            line = want
        fixed.append((name, line))
    missing = set(kd) - set(n for n, _ in cases)
    for name in sorted(missing):
        print('NOTE %s:%s known difference listed but case not printed' % (prog, name))
    return fixed, None


def compare(prog, mode, expected, res, want_rc):
    """Prints PASS/FAIL lines; returns (passed, failed)."""
    got = dict(parse_cases(output_of(res)))
    exp_names = set(n for n, _ in expected)
    passed = failed = 0
    for name, line in expected:
        if got.get(name) == line:
            passed += 1
            continue
        failed += 1
        if failed <= MAX_DETAILS:
            print('FAIL %s:%s [%s]\n    expected: %s\n    got:      %s' % (
                prog, name, mode, line, got.get(name, '(no output)')))
    if failed > MAX_DETAILS:
        print('FAIL %s [%s]: %d more cases differ (details for the first %d only)'
              % (prog, mode, failed - MAX_DETAILS, MAX_DETAILS))
    extra = [n for n in got if n not in exp_names]
    if extra or res.rc != want_rc:
        failed += 1
        print('FAIL %s [%s]: %s; unexpected lines: %s' % (
            prog, mode, res.describe(), ', '.join(extra[:5]) or 'none'))
        if res.err.strip():
            print('    stderr: ' + res.err.strip()[-600:].replace('\n', '\n    '))
    if not failed:
        print('PASS %s [%s]: %d cases' % (prog, mode, passed))
    return passed, failed


def run_suite(here, patterns, build_name, timeout):
    """Build every source matching patterns in here (or those named on the
    command line), take qemu's output as the reference, run each on mosaic
    in every mode and compare; returns the summary's exit status."""
    tools = armtest.Tools()
    srcs = sorted(sum((glob.glob(os.path.join(here, pat))
                       for pat in patterns), []))
    wanted = set(sys.argv[1:])
    if wanted:
        srcs = [s for s in srcs if os.path.splitext(os.path.basename(s))[0] in wanted]
    progs = [os.path.splitext(os.path.basename(s))[0] for s in srcs]
    why = tools.missing_build()
    if why:
        for p in progs:
            print('SKIP %s: %s' % (p, why))
        return armtest.summary(0, 0, len(progs))
    bdir = armtest.build_dir(build_name)
    elfs = [os.path.join(bdir, p + '.elf') for p in progs]
    errs = armtest.parallel(tools, lambda i: armtest.build_elf(
        tools, [srcs[i]], elfs[i]), range(len(srcs)))
    refs = armtest.parallel(tools, lambda i: (None, 'build failed:\n' + errs[i])
                            if errs[i] else reference(tools, progs[i], srcs[i],
                                                      elfs[i]), range(len(srcs)))
    passed = failed = skipped = 0
    mwhy = tools.missing_mosaic()
    jobs = []
    for i, p in enumerate(progs):
        cases, err = refs[i]
        if cases is None:
            print('FAIL %s: %s' % (p, err))
            failed += 1
        elif mwhy:
            print('SKIP %s: %d cases x %d modes: %s' % (p, len(cases), len(armtest.MODES), mwhy))
            skipped += len(cases) * len(armtest.MODES)
        else:
            jobs += [(i, m) for m in armtest.MODES]
    limits = armtest.Timeouts(timeout)
    results = armtest.parallel(tools, lambda j: armtest.run_mosaic(
        tools, elfs[j[0]], j[1][1], limits), jobs)
    for (i, mode), res in zip(jobs, results):
        p, f = compare(progs[i], mode[0], refs[i][0], res, expected_exit(srcs[i]))
        passed += p
        failed += f
    return armtest.summary(passed, failed, skipped)


def main():
    return run_suite(HERE, ['*.S'], 'insn-arm', 30)


if __name__ == '__main__':
    sys.exit(main())
