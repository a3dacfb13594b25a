# SPDX-License-Identifier: MIT
"""Random A32 instruction-sequence generator for the differential suite.

generate(seed, count, batch_size, outdir) writes batch_NNN.S files (each a
run_batch function running batch_size sequences back to back; harness.c
prints one result line per sequence) and returns a list of batches, each a
list of (index, [asm lines], [initial r0-r12, lr, cpsr]) for reporting.  Same seed, same output.

Every generated instruction is architecturally PREDICTABLE: see README.md
for the rules.  SP (r13) and PC (r15) never appear; SP is used by the
harness around each sequence.
"""
import os
import random

REGS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14]
CONDS = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge',
         'lt', 'gt', 'le']
SPECIAL = [0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0xffff, 0x8000,
           0x7fff, 0x80, 0xff, 0x7f, 0xfffffffe, 0x80000001, 0x10000, 31, 32,
           33, 0x100, 0x101, 0xffffff20, 0x7fff8000, 0x80007fff, 0x00ff00ff,
           0xff00ff00, 0x80808080, 0x7f7f7f7f]
DP3 = ['and', 'eor', 'sub', 'rsb', 'add', 'adc', 'sbc', 'rsc', 'orr', 'bic']
PAR = [p + k for p in ('s', 'q', 'sh', 'u', 'uq', 'uh')
       for k in ('add16', 'asx', 'sax', 'sub16', 'add8', 'sub8')]
SCRATCH_BASE = 0x41000000         # base registers: SCRATCH_BASE + [0, 0x3f0]


def rn(r):
    return 'lr' if r == 14 else 'r%d' % r


class Gen:
    def __init__(self, rng):
        self.r = rng
        self.has_store = False

    def reg(self, *avoid):
        """A register not in avoid; mostly from the sequence's small "hot"
        set, so results feed later instructions."""
        if self.r.random() < 0.7:
            hot = [x for x in self.hot if x not in avoid]
            if hot:
                return self.r.choice(hot)
        return self.r.choice([x for x in REGS if x not in avoid])

    def cond(self):
        return self.r.choice(CONDS) if self.r.random() < 0.3 else ''

    def value(self):
        if self.r.random() < 0.3:
            return self.r.choice(SPECIAL)
        return self.r.getrandbits(32)

    def imm_rot(self):
        b = self.r.getrandbits(8)
        rot = self.r.randrange(16) * 2
        return ((b >> rot) | (b << (32 - rot))) & 0xffffffff if rot else b

    def shifter(self):
        k = self.r.randrange(9)
        m = rn(self.reg())
        if k == 0:
            return '#0x%x' % self.imm_rot()
        if k == 1:
            return m
        if k == 2:
            return '%s, lsl #%d' % (m, self.r.randrange(32))
        if k == 3:
            return '%s, lsr #%d' % (m, self.r.randrange(1, 33))
        if k == 4:
            return '%s, asr #%d' % (m, self.r.randrange(1, 33))
        if k == 5:
            return '%s, ror #%d' % (m, self.r.randrange(1, 32))
        if k == 6:
            return '%s, rrx' % m
        sh = self.r.choice(['lsl', 'lsr', 'asr', 'ror'])
        return '%s, %s %s' % (m, sh, rn(self.reg()))

    # ---- instruction groups: each returns a list of asm lines ----
    def g_dp(self):
        c, s = self.cond(), self.r.choice(['', 's'])
        k = self.r.randrange(16)
        if k < 10:
            return ['%s%s%s %s, %s, %s' % (DP3[k], s, c, rn(self.reg()),
                                           rn(self.reg()), self.shifter())]
        if k < 12:
            op = 'mov' if k == 10 else 'mvn'
            return ['%s%s%s %s, %s' % (op, s, c, rn(self.reg()), self.shifter())]
        op = ['tst', 'teq', 'cmp', 'cmn'][k - 12]
        return ['%s%s %s, %s' % (op, c, rn(self.reg()), self.shifter())]

    # Multiply mnemonics by operand shape; the Thumb generator drops the
    # S forms, which T32 does not have.
    MUL2 = ['mul', 'muls']
    MLA = ['mla', 'mlas', 'mls']
    MUL_LONG = ['umull', 'umulls', 'smull', 'smulls', 'umlal', 'umlals', 'smlal',
                'smlals', 'umaal', 'smlalbb', 'smlalbt', 'smlaltb', 'smlaltt',
                'smlald', 'smlaldx', 'smlsld', 'smlsldx']
    MUL_DSP3 = ['smulbb', 'smulbt', 'smultb', 'smultt', 'smulwb', 'smulwt',
                'smuad', 'smuadx', 'smusd', 'smusdx', 'smmul', 'smmulr', 'usad8']
    MUL_DSP4 = ['smlabb', 'smlabt', 'smlatb', 'smlatt', 'smlawb', 'smlawt',
                'smlad', 'smladx', 'smlsd', 'smlsdx', 'smmla', 'smmlar', 'smmls',
                'smmlsr', 'usada8']

    def g_mul(self):
        c = self.cond()
        d, n, m, a = (rn(self.reg()) for _ in range(4))
        k = self.r.randrange(7)
        if k == 0:
            return ['%s%s %s, %s, %s' % (self.r.choice(self.MUL2), c, d, n, m)]
        if k == 1:
            op = self.r.choice(self.MLA)
            return ['%s%s %s, %s, %s, %s' % (op, c, d, n, m, a)]
        if k == 2:
            lo = self.reg()
            hi = self.reg(lo)
            op = self.r.choice(self.MUL_LONG)
            return ['%s%s %s, %s, %s, %s' % (op, c, rn(lo), rn(hi), n, m)]
        if k == 3:
            op = self.r.choice(self.MUL_DSP3)
            return ['%s%s %s, %s, %s' % (op, c, d, n, m)]
        if k == 4:
            op = self.r.choice(self.MUL_DSP4)
            return ['%s%s %s, %s, %s, %s' % (op, c, d, n, m, a)]
        op = self.r.choice(['sdiv', 'udiv'])
        return ['%s%s %s, %s, %s' % (op, c, d, n, m)]

    def g_misc(self):
        c = self.cond()
        d, n, m = (rn(self.reg()) for _ in range(3))
        k = self.r.randrange(11)
        if k == 0:
            op = self.r.choice(['clz', 'rev', 'rev16', 'revsh', 'rbit'])
            return ['%s%s %s, %s' % (op, c, d, m)]
        if k == 1:
            op = self.r.choice(['uxtb', 'uxth', 'uxtb16', 'sxtb', 'sxth', 'sxtb16'])
            return ['%s%s %s, %s, ror #%d' % (op, c, d, m, self.r.choice([0, 8, 16, 24]))]
        if k == 2:
            op = self.r.choice(['uxtab', 'uxtah', 'uxtab16', 'sxtab', 'sxtah',
                                'sxtab16'])
            return ['%s%s %s, %s, %s, ror #%d' % (op, c, d, n, m,
                                                  self.r.choice([0, 8, 16, 24]))]
        if k == 3:
            lsb = self.r.randrange(32)
            w = self.r.randrange(1, 33 - lsb)
            op = self.r.choice(['ubfx', 'sbfx'])
            return ['%s%s %s, %s, #%d, #%d' % (op, c, d, n, lsb, w)]
        if k == 4:
            lsb = self.r.randrange(32)
            w = self.r.randrange(1, 33 - lsb)
            if self.r.random() < 0.3:
                return ['bfc%s %s, #%d, #%d' % (c, d, lsb, w)]
            return ['bfi%s %s, %s, #%d, #%d' % (c, d, n, lsb, w)]
        if k == 5:
            op = self.r.choice(['movw', 'movt'])
            return ['%s%s %s, #0x%x' % (op, c, d, self.r.getrandbits(16))]
        if k == 6:
            return ['sel%s %s, %s, %s' % (c, d, n, m)]
        if k == 7:
            if self.r.random() < 0.5:
                return ['pkhbt%s %s, %s, %s, lsl #%d' % (c, d, n, m, self.r.randrange(32))]
            return ['pkhtb%s %s, %s, %s, asr #%d' % (c, d, n, m, self.r.randrange(1, 33))]
        if k == 8:
            return ['%s%s %s, %s, %s' % (self.r.choice(PAR), c, d, n, m)]
        if k == 9:
            op = self.r.choice(['qadd', 'qsub', 'qdadd', 'qdsub'])
            return ['%s%s %s, %s, %s' % (op, c, d, m, n)]
        return [self.sat(c, d, n)]

    def sat(self, c, d, n):
        k = self.r.randrange(4)
        if k == 0:
            return 'ssat%s %s, #%d, %s%s' % (c, d, self.r.randrange(1, 33), n, self.satshift())
        if k == 1:
            return 'usat%s %s, #%d, %s%s' % (c, d, self.r.randrange(32), n, self.satshift())
        if k == 2:
            return 'ssat16%s %s, #%d, %s' % (c, d, self.r.randrange(1, 17), n)
        return 'usat16%s %s, #%d, %s' % (c, d, self.r.randrange(16), n)

    SAT_ASR_MAX = 32                  # T32 SSAT/USAT: 31

    def satshift(self):
        if self.r.random() < 0.4:
            return ''
        if self.r.random() < 0.5:
            return ', lsl #%d' % self.r.randrange(1, 32)
        return ', asr #%d' % self.r.randrange(1, self.SAT_ASR_MAX + 1)

    # ---- memory: base registers are re-pointed into the scratch buffer ----
    def fix_base(self, b):
        return ['and %s, %s, #0x3f0' % (rn(b), rn(b)),
                'orr %s, %s, #0x%x' % (rn(b), rn(b), SCRATCH_BASE)]

    def g_mem(self):
        k = self.r.randrange(11)
        if k == 10:
            return self.mem_hint()
        if k < 5:
            return self.mem_single()
        if k < 7:
            return self.mem_dual()
        if k < 9:
            return self.mem_multi()
        return self.mem_excl()

    def mem_single(self):
        op, size, kind = self.r.choice([
            ('ldr', 4, 'w'), ('str', 4, 'w'), ('ldrb', 1, 'w'), ('strb', 1, 'w'),
            ('ldrh', 2, 'h'), ('strh', 2, 'h'), ('ldrsh', 2, 'h'),
            ('ldrsb', 1, 'h'), ('ldrt', 4, 't'), ('strt', 4, 't'),
            ('ldrbt', 1, 't'), ('strbt', 1, 't'), ('ldrht', 2, 'ht'),
            ('strht', 2, 'ht'), ('ldrsht', 2, 'ht'), ('ldrsbt', 1, 'ht')])
        if op.startswith('str'):
            self.has_store = True
        c = self.cond()
        b = self.reg()
        mode = 'post' if kind in ('t', 'ht') else self.r.choice(['off', 'pre', 'post'])
        t = self.reg(b) if mode != 'off' else self.reg()
        lines = self.fix_base(b)
        sign = self.r.choice(['', '-'])
        if self.r.random() < 0.5:
            lim = 0x3ff if kind in ('w', 't') else 0xff
            off = '#%s%d' % (sign, self.r.randrange(0, lim + 1) // size * size)
        else:
            m = self.reg(b, t) if mode != 'off' else self.reg(b)
            shift = ''
            mask = 0x3f0
            if kind in ('w', 't') and self.r.random() < 0.6:
                sh = self.r.choice(['lsl', 'lsr', 'asr', 'ror'])
                if sh == 'lsl':
                    amt = self.r.randrange(0, 3)
                    mask = 0xfc
                else:
                    amt = self.r.randrange(1, {4: 3, 2: 4, 1: 5}[size])
                shift = ', %s #%d' % (sh, amt) if amt else ''
            lines.append('and %s, %s, #0x%x' % (rn(m), rn(m), mask))
            off = '%s%s%s' % (sign, rn(m), shift)
        if mode == 'off':
            addr = '[%s, %s]' % (rn(b), off)
        elif mode == 'pre':
            addr = '[%s, %s]!' % (rn(b), off)
        else:
            addr = '[%s], %s' % (rn(b), off)
        lines.append('%s%s %s, %s' % (op, c, rn(t), addr))
        return lines

    def mem_hint(self):
        """PLD/PLDW/PLI: no architectural effect, but they decode and
        compute an address like a load."""
        b = self.reg()
        op = self.r.choice(['pld', 'pldw', 'pli'])
        if self.r.random() < 0.5:
            return self.fix_base(b) + ['%s [%s, #%s%d]' % (
                op, rn(b), self.r.choice(['', '-']), self.r.randrange(0x400))]
        m = self.reg(b)
        return self.fix_base(b) + ['and %s, %s, #0x3f0' % (rn(m), rn(m)),
                                   '%s [%s, %s%s]' % (op, rn(b),
                                                      self.r.choice(['', '-']), rn(m))]

    def mem_dual(self):
        store = self.r.random() < 0.5
        self.has_store |= store
        op = 'strd' if store else 'ldrd'
        c = self.cond()
        t = self.r.choice([0, 2, 4, 6, 8, 10])
        mode = self.r.choice(['off', 'pre', 'post'])
        b = self.reg(t, t + 1) if mode != 'off' else self.reg()
        if not store and mode == 'off':
            b = self.reg()
        lines = self.fix_base(b)
        sign = self.r.choice(['', '-'])
        if self.r.random() < 0.5:
            off = '#%s%d' % (sign, self.r.randrange(0, 0x100) // 8 * 8)
        else:
            m = self.reg(b, t, t + 1)
            lines.append('and %s, %s, #0x3f0' % (rn(m), rn(m)))
            off = '%s%s' % (sign, rn(m))
        if mode == 'off':
            addr = '[%s, %s]' % (rn(b), off)
        elif mode == 'pre':
            addr = '[%s, %s]!' % (rn(b), off)
        else:
            addr = '[%s], %s' % (rn(b), off)
        lines.append('%s%s %s, %s, %s' % (op, c, rn(t), rn(t + 1), addr))
        return lines

    def mem_multi(self):
        store = self.r.random() < 0.5
        self.has_store |= store
        c = self.cond()
        b = self.reg()
        wb = self.r.random() < 0.5
        pool = [x for x in REGS if not (wb and x == b)]
        regs = sorted(self.r.sample(pool, self.r.randrange(1, len(pool) + 1)))
        mode = self.r.choice(['ia', 'ib', 'da', 'db'])
        op = ('stm' if store else 'ldm') + mode + c
        return self.fix_base(b) + ['%s %s%s, {%s}' % (
            op, rn(b), '!' if wb else '', ', '.join(rn(x) for x in regs))]

    def mem_excl(self):
        """LDREX, a few data-processing instructions that leave the base
        alone, then STREX to the same address (or CLREX first: the store
        must fail)."""
        self.has_store = True
        sz = self.r.choice(['', 'b', 'h', 'd'])
        b = self.reg()
        lines = self.fix_base(b)
        if sz == 'd':
            t = self.r.choice([x for x in (0, 2, 4, 6, 8, 10) if b not in (x, x + 1)])
            lines.append('ldrexd %s, %s, [%s]' % (rn(t), rn(t + 1), rn(b)))
        else:
            t = self.reg(b)
            lines.append('ldrex%s %s, [%s]' % (sz, rn(t), rn(b)))
        for _ in range(self.r.randrange(3)):
            d = self.reg(b)
            lines.append('add %s, %s, %s' % (rn(d), rn(self.reg()), rn(self.reg())))
        if self.r.random() < 0.2:
            lines.append('clrex')
        if sz == 'd':
            t = self.r.choice([x for x in (0, 2, 4, 6, 8, 10) if b not in (x, x + 1)])
            s = self.reg(b, t, t + 1)
            lines.append('strexd %s, %s, %s, [%s]' % (rn(s), rn(t), rn(t + 1), rn(b)))
        else:
            t = self.reg()
            s = self.reg(b, t)
            lines.append('strex%s %s, %s, [%s]' % (sz, rn(s), rn(t), rn(b)))
        return lines

    def g_apsr(self):
        """Application-level status access: MRS of the APSR (materialises
        lazily computed flags) and MSR APSR_nzcvq/_g/_nzcvqg from a register
        or an immediate."""
        c = self.cond()
        k = self.r.randrange(3)
        if k == 0:
            return ['mrs%s %s, APSR' % (c, rn(self.reg()))]
        field = self.r.choice(['nzcvq', 'g', 'nzcvqg'])
        if k == 1:
            return self.msr_reg(c, field)
        imm = self.r.choice([self.r.getrandbits(5) << 27, self.r.getrandbits(4) << 16])
        field = 'nzcvq' if imm >> 27 else 'g'
        return ['msr%s APSR_%s, #0x%x' % (c, field, imm)]

    def msr_reg(self, c, field):
        """MSR APSR_<field> from a register.  Only N Z C V Q and GE may be
        non-zero: bits 26:20 (IT, J, reserved) are should-be-zero-or-
        preserved for MSR, so two BICs clear them first."""
        x = rn(self.reg())
        return ['bic %s, %s, #0x07000000' % (x, x),
                'bic %s, %s, #0x00f00000' % (x, x),
                'msr%s APSR_%s, %s' % (c, field, x)]

    def g_split(self):
        """A (maybe conditional) branch to the next instruction: no effect
        on the state, but it ends the translation block, so flags and
        registers must survive a block boundary in both engines."""
        return ['b%s 1f' % self.cond(), '1:']

    def sequence(self):
        self.has_store = False
        self.hot = self.r.sample(REGS, self.r.randrange(3, 7))
        groups = [(self.g_dp, 45), (self.g_mul, 15), (self.g_misc, 25),
                  (self.g_mem, 15), (self.g_split, 4), (self.g_apsr, 4)]
        total = sum(w for _, w in groups)
        body = []
        n = self.r.randrange(8, 21) if self.r.random() < 0.9 else self.r.randrange(21, 61)
        for _ in range(n):
            x = self.r.randrange(total)
            for fn, w in groups:
                if x < w:
                    body += fn()
                    break
                x -= w
        init = [self.value() for _ in range(14)]
        flags = (self.r.getrandbits(5) << 27) | (self.r.getrandbits(4) << 16)
        return body, init + [flags], self.has_store


def emit_seq(out, idx, body, init, has_store):
    out.append('    .text')
    out.append('    .global seq_%d' % idx)
    out.append('seq_%d:' % idx)
    out.append('    movw sp, #:lower16:init_%d' % idx)
    out.append('    movt sp, #:upper16:init_%d' % idx)
    out.append('    ldr r0, [sp, #56]')
    out.append('    msr APSR_nzcvqg, r0')
    out.append('    ldm sp, {r0-r12, lr}')
    out.append('seq_%d_body:' % idx)
    out += ['    ' + x for x in body]
    out.append('seq_%d_end:' % idx)
    out.append('    movw sp, #:lower16:seq_result')
    out.append('    movt sp, #:upper16:seq_result')
    out.append('    stm sp, {r0-r12, lr}')
    out.append('    mrs r0, cpsr')
    out.append('    str r0, [sp, #56]')
    out.append('    movw sp, #:lower16:batch_sp')
    out.append('    movt sp, #:upper16:batch_sp')
    out.append('    ldr sp, [sp]')
    out.append('    movw r0, #%d' % idx)
    out.append('    mov r1, #%d' % int(has_store))
    out.append('    bl seq_report')
    out.append('    .data')
    out.append('init_%d:' % idx)
    out.append('    .word ' + ', '.join('0x%08x' % v for v in init))


def write_if_changed(path, text):
    """Keep the mtime of an unchanged batch so its ELF is not rebuilt."""
    old = None
    if os.path.exists(path):
        with open(path) as f:
            old = f.read()
    if old != text:
        with open(path, 'w') as f:
            f.write(text)


def generate(seed, count, batch_size, outdir, factory=None, emit=None,
             prefix='batch', tail=()):
    """Write prefix_NNN.S batches of sequences from factory(rng) (default
    Gen), each emitted by emit(out, idx, body, init, has_store) (default
    emit_seq), and the lines of tail at the end of each.  run_batch itself
    is always A32."""
    rng = random.Random(seed)
    g = (factory or Gen)(rng)
    emit = emit or emit_seq
    batches = []
    for start in range(0, count, batch_size):
        out = ['// Generated by tests/diff/arm/gen.py (seed %d): do not edit.' % seed,
               '    .syntax unified', '    .arm', '    .text',
               '    .global run_batch', 'run_batch:', '    push {r4-r11, lr}',
               '    movw r0, #:lower16:batch_sp', '    movt r0, #:upper16:batch_sp',
               '    str sp, [r0]', '    b seq_%d' % start]
        seqs = []
        for idx in range(start, min(start + batch_size, count)):
            body, init, has_store = g.sequence()
            seqs.append((idx, body, init))
            emit(out, idx, body, init, has_store)
        out += ['    .text', '    .arm', '    pop {r4-r11, pc}'] + list(tail) + ['']
        path = os.path.join(outdir, '%s_%03d.S' % (prefix, start // batch_size))
        write_if_changed(path, '\n'.join(out))
        batches.append((path, seqs))
    return batches


if __name__ == '__main__':
    import sys
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    for path, seqs in generate(1, n, n, '.'):
        print(path)
