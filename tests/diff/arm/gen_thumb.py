# SPDX-License-Identifier: MIT
"""Random Thumb-2 (T16/T32) sequence generator for the differential suite.

ThumbGen extends gen.Gen (register choice, values, multiplies, misc and
saturation groups are shared) with Thumb-only groups: T16 forms, T32 data
processing with modified immediates, Thumb addressing modes, PUSH/POP,
literal loads, TBB/TBH, CBZ/CBNZ and IT blocks.  emit_seq_thumb wraps a
sequence in A32 glue: BLX into the Thumb body, BLX back, then the usual
report.  generate() is gen.generate with these two plugged in.

Every instruction is architecturally PREDICTABLE; see README.md.
"""
import gen
from gen import REGS, CONDS, rn

LOW = [0, 1, 2, 3, 4, 5, 6, 7]
DP3 = ['and', 'eor', 'sub', 'rsb', 'add', 'adc', 'sbc', 'orr', 'orn', 'bic']
SHIFTS = ['lsl', 'lsr', 'asr', 'ror']
T16_2OP = ['and', 'eor', 'adc', 'sbc', 'orr', 'bic', 'mvn', 'lsl', 'lsr',
           'asr', 'ror']
PAD = 64                          # bytes below each init block, for PUSH


def ror32(v, n):
    return ((v >> n) | (v << (32 - n))) & 0xffffffff


class ThumbGen(gen.Gen):
    MUL2 = ['mul']
    MLA = ['mla', 'mls']
    MUL_LONG = [x for x in gen.Gen.MUL_LONG if not x.endswith('s')]
    SAT_ASR_MAX = 31

    def __init__(self, rng):
        super().__init__(rng)
        self.c = ''               # condition of the current IT slot
        self.in_it = False
        self.pushed = 0
        self.labels = 0

    def cond(self):
        return self.c

    def low(self, *avoid):
        hot = [x for x in self.hot if x < 8 and x not in avoid]
        if hot and self.r.random() < 0.7:
            return self.r.choice(hot)
        return self.r.choice([x for x in LOW if x not in avoid])

    def wide(self):
        return '.w' if self.r.random() < 0.4 else ''

    def s_flag(self):
        return self.r.choice(['', 's'])

    def mod_imm(self):
        """A T32 modified immediate (ThumbExpandImm) of each kind."""
        b = self.r.getrandbits(8)
        k = self.r.randrange(5)
        if k == 0:
            return b
        if k == 1:
            return b | b << 16
        if k == 2:
            return b << 8 | b << 24
        if k == 3:
            return b * 0x01010101
        return ror32(0x80 | b, self.r.randrange(8, 32))

    def shift_imm(self):
        sh = self.r.choice(SHIFTS + ['rrx', ''])
        if sh == '':
            return ''
        if sh == 'rrx':
            return ', rrx'
        # No LSL #0: gas turns MOV rd, rm, LSL #0 inside IT into the 16-bit
        # LSL #0 encoding, which is MOVS (T2) and UNPREDICTABLE there.
        lim = {'lsl': (1, 31), 'lsr': (1, 32), 'asr': (1, 32), 'ror': (1, 31)}[sh]
        return ', %s #%d' % (sh, self.r.randint(*lim))

    def operand(self):
        if self.r.random() < 0.35:
            return '#0x%x' % self.mod_imm()
        return rn(self.reg()) + self.shift_imm()

    # ---- data processing ----
    def g_dp(self):
        c, q, s = self.c, self.wide(), self.s_flag()
        k = self.r.randrange(19)
        if k < 10:
            return ['%s%s%s%s %s, %s, %s' % (DP3[k], s, c, q, rn(self.reg()),
                                             rn(self.reg()), self.operand())]
        if k < 12:
            op = 'mov' if k == 10 else 'mvn'
            src = self.operand() if k == 11 or self.r.random() < 0.5 else rn(self.reg())
            if op == 'mov' and ', ' in src:
                q = ''            # gas takes MOV.W with a shift only as LSL.W etc.
            return ['%s%s%s%s %s, %s' % (op, s, c, q, rn(self.reg()), src)]
        if k < 16:
            op = ['tst', 'teq', 'cmp', 'cmn'][k - 12]
            return ['%s%s%s %s, %s' % (op, c, q, rn(self.reg()), self.operand())]
        d, m = rn(self.reg()), rn(self.reg())
        if k == 16:
            sh = self.r.choice(SHIFTS)
            amt = self.r.randint(1, 31 if sh in ('lsl', 'ror') else 32)
            return ['%s%s%s%s %s, %s, #%d' % (sh, s, c, q, d, m, amt)]
        if k == 17:
            if self.r.random() < 0.3:
                return ['rrx%s%s %s, %s' % (s, c, d, m)]
            return ['%s%s%s.w %s, %s, %s' % (self.r.choice(SHIFTS), s, c, d, m,
                                              rn(self.reg()))]
        imm = self.r.randrange(4096)
        return ['%s%s %s, %s, #%d' % (self.r.choice(['addw', 'subw']), c, d,
                                      rn(self.reg()), imm)]

    def g_t16(self):
        """Explicit 16-bit forms (.n).  Outside an IT block the low-register
        ALU forms set the flags; inside one the same encodings do not, so
        the S is dropped there."""
        c, s = self.c, '' if self.in_it else 's'
        d, m = rn(self.low()), rn(self.low())
        k = self.r.randrange(12)
        if k == 0:
            return ['%s%s%s.n %s, %s' % (self.r.choice(T16_2OP), s, c, d, m)]
        if k == 1:
            op = self.r.choice(['add', 'sub'])
            if self.r.random() < 0.5:
                return ['%s%s%s.n %s, %s, #%d' % (op, s, c, d, m, self.r.randrange(8))]
            return ['%s%s%s.n %s, #%d' % (op, s, c, d, self.r.randrange(256))]
        if k == 2:
            return ['%s%s%s.n %s, %s, %s' % (self.r.choice(['add', 'sub']), s, c,
                                             d, m, rn(self.low()))]
        if k == 3:
            sh = self.r.choice(['lsl', 'lsr', 'asr'])
            amt = self.r.randint(1, 31 if sh == 'lsl' else 32)
            return ['%s%s%s.n %s, %s, #%d' % (sh, s, c, d, m, amt)]
        if k == 4:
            return ['mov%s%s.n %s, #%d' % (s, c, d, self.r.randrange(256))]
        if k == 5:
            op = self.r.choice(['tst', 'cmn', 'cmp'])
            return ['%s%s.n %s, %s' % (op, c, d, m)]
        if k == 6:
            return ['cmp%s.n %s, #%d' % (c, d, self.r.randrange(256))]
        if k == 7:
            return ['rsb%s%s.n %s, %s, #0' % (s, c, d, m)]
        if k == 8:
            return ['mul%s%s.n %s, %s, %s' % (s, c, d, m, d)]
        if k == 9:
            op = self.r.choice(['rev', 'rev16', 'revsh', 'sxtb', 'sxth', 'uxtb', 'uxth'])
            return ['%s%s.n %s, %s' % (op, c, d, m)]
        return [self.t16_high(c)]

    def t16_high(self, c):
        """ADD/MOV/CMP with a high register (never sets flags, except CMP).
        At least one operand is r8-r12/lr: the all-low forms are other
        encodings (or UNPREDICTABLE for CMP)."""
        hi = self.r.choice([8, 9, 10, 11, 12, 14])
        other = self.reg()
        a, b = (hi, other) if self.r.random() < 0.5 else (other, hi)
        op = self.r.choice(['add', 'mov', 'cmp'])
        return '%s%s.n %s, %s' % (op, c, rn(a), rn(b))

    # ---- memory: base registers are re-pointed into the scratch buffer ----
    def g_mem(self):
        k = self.r.randrange(16)
        if k < 7:
            return self.mem_single()
        if k < 9:
            return self.mem_dual()
        if k < 11:
            return self.mem_multi()
        if k < 13:
            return self.mem_sp()
        if k < 14:
            return ['ldr%s %s, =0x%08x' % (self.c, rn(self.reg()), self.value())]
        return self.mem_hint()

    def mem_single(self):
        op, size = self.r.choice([
            ('ldr', 4), ('str', 4), ('ldrb', 1), ('strb', 1), ('ldrh', 2),
            ('strh', 2), ('ldrsh', 2), ('ldrsb', 1), ('ldrt', 4), ('strt', 4),
            ('ldrbt', 1), ('strbt', 1), ('ldrht', 2), ('strht', 2),
            ('ldrsht', 2), ('ldrsbt', 1)])
        self.has_store |= op.startswith('str')
        c = self.c
        if op.endswith('t'):
            b, t = self.reg(), self.reg()
            off = self.r.randrange(256) // size * size
            return self.fix_base(b) + ['%s%s %s, [%s, #%d]' % (op, c, rn(t), rn(b), off)]
        mode = self.r.choice(['t16imm', 't16reg', 'imm12', 'neg8', 'pre', 'post',
                              'reg'])
        if mode == 't16imm' and op in ('ldrsh', 'ldrsb'):
            mode = 't16reg'
        if mode.startswith('t16'):
            b, t = self.low(), self.low()
            if mode == 't16imm':
                off = self.r.randrange(32) * size
                return self.fix_base(b) + ['%s%s.n %s, [%s, #%d]' % (
                    op, c, rn(t), rn(b), off)]
            m = self.low(b)
            return self.fix_base(b) + self.mask(m, 0) + ['%s%s.n %s, [%s, %s]' % (
                op, c, rn(t), rn(b), rn(m))]
        b = self.reg()
        t = self.reg(b) if mode in ('pre', 'post') else self.reg()
        lines = self.fix_base(b)
        if mode == 'reg':
            m, amt = self.reg(b), self.r.randrange(4)
            lines += self.mask(m, amt)
            addr = '[%s, %s%s]' % (rn(b), rn(m), ', lsl #%d' % amt if amt else '')
        elif mode == 'imm12':
            addr = '[%s, #%d]' % (rn(b), self.r.randrange(0x400) // size * size)
        else:
            off = '#%s%d' % ('-' if mode == 'neg8' or self.r.random() < 0.5 else '',
                             self.r.randrange(256) // size * size)
            addr = {'neg8': '[%s, %s]', 'pre': '[%s, %s]!',
                    'post': '[%s], %s'}[mode] % (rn(b), off)
        return lines + ['%s%s.w %s, %s' % (op, c, rn(t), addr)]

    def mask(self, m, amt):
        """Offset register m, shifted left by amt, stays within 0x3f0 and
        aligned to any access size."""
        return ['and %s, %s, #0x%x' % (rn(m), rn(m), 0x3f0 >> amt)]

    def mem_dual(self):
        store = self.r.random() < 0.5
        self.has_store |= store
        t = self.reg()
        t2 = self.reg() if store else self.reg(t)
        mode = self.r.choice(['off', 'pre', 'post'])
        b = self.reg(t, t2) if mode != 'off' else self.reg()
        off = '#%s%d' % (self.r.choice(['', '-']), self.r.randrange(0x100) * 4 // 8 * 8)
        addr = {'off': '[%s, %s]', 'pre': '[%s, %s]!', 'post': '[%s], %s'}[mode] % (
            rn(b), off)
        return self.fix_base(b) + ['%s%s %s, %s, %s' % (
            'strd' if store else 'ldrd', self.c, rn(t), rn(t2), addr)]

    def mem_multi(self):
        """LDM/STM IA/DB, two or more registers; low base and list let the
        assembler pick the 16-bit encodings (STM always writes back)."""
        store = self.r.random() < 0.5
        self.has_store |= store
        b = self.reg()
        wb = self.r.random() < 0.6
        if b < 8 and self.r.random() < 0.4:
            pool = [x for x in LOW if x != b]
            mode, wb = 'ia', True
        else:
            pool = [x for x in REGS if not (wb and x == b)]
            mode = self.r.choice(['ia', 'db'])
        regs = sorted(self.r.sample(pool, self.r.randrange(2, len(pool) + 1)))
        op = ('stm' if store else 'ldm') + mode + self.c
        return self.fix_base(b) + ['%s %s%s, {%s}' % (
            op, rn(b), '!' if wb else '', ', '.join(rn(x) for x in regs))]

    def mem_sp(self):
        """SP-relative forms: SP points at this sequence's init block (15
        words, already consumed), so these read and write it."""
        k = self.r.randrange(3)
        off = self.r.randrange(15) * 4
        if k == 2:
            d = self.low() if self.r.random() < 0.7 else self.reg()
            return ['add%s %s, sp, #%d' % (self.c, rn(d), off)]
        t = self.reg()
        if k == 1:
            return ['str%s %s, [sp, #%d]' % (self.c, rn(t), off)]
        return ['ldr%s %s, [sp, #%d]' % (self.c, rn(t), off)]

    def mem_hint(self):
        b = self.reg()
        op = self.r.choice(['pld', 'pldw', 'pli'])
        k = self.r.randrange(3)
        if k == 0:
            return self.fix_base(b) + ['%s%s [%s, #%d]' % (op, self.c, rn(b),
                                                           self.r.randrange(0x400))]
        if k == 1:
            return self.fix_base(b) + ['%s%s [%s, #-%d]' % (op, self.c, rn(b),
                                                            self.r.randrange(256))]
        m, amt = self.reg(b), self.r.randrange(4)
        return self.fix_base(b) + self.mask(m, amt) + ['%s%s [%s, %s, lsl #%d]' % (
            op, self.c, rn(b), rn(m), amt)]

    def g_excl(self):
        """LDREX, 0-2 ADDs leaving the base alone, maybe CLREX, then STREX of
        the same size and address.  Never inside an IT block."""
        self.has_store = True
        sz = self.r.choice(['', 'b', 'h', 'd'])
        b = self.reg()
        off = ', #%d' % (self.r.randrange(64) * 4) if sz == '' else ''
        lines = self.fix_base(b)
        if sz == 'd':
            t = self.reg(b)
            lines.append('ldrexd %s, %s, [%s]' % (rn(t), rn(self.reg(b, t)), rn(b)))
        else:
            lines.append('ldrex%s %s, [%s%s]' % (sz, rn(self.reg(b)), rn(b), off))
        for _ in range(self.r.randrange(3)):
            lines.append('add %s, %s, %s' % (rn(self.reg(b)), rn(self.reg()),
                                             rn(self.reg())))
        if self.r.random() < 0.2:
            lines.append('clrex')
        if sz == 'd':
            t, t2 = self.reg(), self.reg()
            s = self.reg(b, t, t2)
            lines.append('strexd %s, %s, %s, [%s]' % (rn(s), rn(t), rn(t2), rn(b)))
        else:
            t = self.reg()
            lines.append('strex%s %s, %s, [%s%s]' % (sz, rn(self.reg(b, t)), rn(t),
                                                      rn(b), off))
        return lines

    def g_apsr(self):
        if self.r.random() < 0.4:
            return ['mrs%s %s, APSR' % (self.c, rn(self.reg()))]
        return self.msr_reg(self.c, self.r.choice(['nzcvq', 'g', 'nzcvqg']))

    # ---- control flow: every branch goes forward to a nearby label ----
    def label(self):
        self.labels += 1
        return '.Lt%d' % self.labels

    def g_split(self):
        """B to the next instruction or over one 16-bit instruction (16- or
        32-bit B, maybe conditional): ends the translation block, and a
        skip shows whether the condition held."""
        c = self.c if self.in_it else self.r.choice(CONDS + [''] * 4)
        lab = self.label()
        over = [] if self.in_it or self.r.random() < 0.4 else self.g_t16()
        op = 'b%s%s' % (c, self.wide())
        if not self.in_it and self.r.random() < 0.15:
            op = 'bl'             # LR = next instruction | 1
        return ['%s %s' % (op, lab)] + over + [lab + ':']

    def g_pcwrite(self):
        """Writes to the PC other than B: MOV pc (bit 0 ignored in Thumb),
        BX/BLX rX, POP {pc} and LDR pc, [sp], #4 (interworking, bit 0 set),
        each over one 16-bit instruction that must not run when the write
        happens.  Half of them are conditional, alone in an IT block."""
        x, lab = self.reg(), self.label()
        c = self.r.choice(CONDS) if self.r.random() < 0.5 else ''
        lines = ['adr.w %s, %s' % (rn(x), lab)]
        k = self.r.randrange(5)
        if k > 0 or self.r.random() < 0.5:
            lines.append('orr %s, %s, #1' % (rn(x), rn(x)))
        after = []
        if k == 0:
            insn = 'mov%s pc, %s' % (c, rn(x))
        elif k == 1 and not c:
            lines.append('push {%s}' % rn(x))
            insn = 'pop {pc}'
        elif k < 3:
            lines.append('str %s, [sp, #-4]!' % rn(x))
            insn = 'ldr%s pc, [sp], #4' % c
            if c:                 # not taken must not leave SP off by 4
                insn, after = 'ldr%s pc, [sp]' % c, ['add sp, #4']
        else:
            insn = '%s%s %s' % ('bx' if k == 3 else 'blx', c, rn(x))
        lines += ['it %s' % c] if c else []
        return lines + [insn] + self.g_t16() + [lab + ':'] + after

    def g_literal(self):
        """PC-relative reads of a small data block placed after a branch:
        ADR (forward, 16- or 32-bit, and backward), LDR/LDRD/LDRH/LDRSH/
        LDRB/LDRSB literal and PLD; Align(PC, 4) matters at odd halfwords."""
        back, data, skip = self.label(), self.label(), self.label()
        lines = [back + ':']
        for _ in range(self.r.randrange(1, 4)):
            k = self.r.randrange(6)
            if k == 0:
                lines.append('adr %s, %s' % (rn(self.reg()), data))
            elif k == 1:
                lines.append('adr.w %s, %s' % (rn(self.reg()), back))
            elif k == 2:
                lines.append('ldr%s %s, %s' % (self.wide(), rn(self.reg()), data))
            elif k == 3:
                t = self.reg()
                lines.append('ldrd %s, %s, %s' % (rn(t), rn(self.reg(t)), data))
            elif k == 4:
                op, size = self.r.choice([('ldrh', 2), ('ldrsh', 2), ('ldrb', 1),
                                          ('ldrsb', 1)])
                off = self.r.randrange(8 // size) * size
                lines.append('%s.w %s, %s + %d' % (op, rn(self.reg()), data, off))
            else:
                lines.append('pld %s' % data)
        return lines + ['b %s' % skip, '.balign 4', data + ':',
                        '.word 0x%08x, 0x%08x' % (self.value(), self.value()),
                        skip + ':']

    def g_svc(self):
        """SVC (maybe in an IT block): the handler (HANDLERS) copies
        the SPSR, which holds the advanced IT state, to r12 and returns
        with MOVS pc, lr; LR keeps the return address.  SVC #0xab is the
        Thumb semihosting call, so never that."""
        return ['svc%s #%d' % (self.c, self.r.choice(
            [x for x in range(256) if x != 0xab]))]

    def g_fault(self):
        """LDREX/LDREXH/LDREXD from a misaligned address in r12: an
        alignment fault whatever SCTLR.A says.  The data abort handler
        (HANDLERS) aligns r12 and returns to the same instruction, which
        then loads.  Often the first slot of an IT block, so the IT state
        must be saved in SPSR_abt and restored mid-block."""
        def insn():
            op, bad = self.r.choice([('ldrex', [1, 2, 3]), ('ldrexh', [1, 3]),
                                     ('ldrexd', [1, 2, 3, 4, 5, 6, 7])])
            lines = self.fix_base(12) + ['orr r12, r12, #%d' % self.r.choice(bad)]
            t = self.reg(12)
            regs = '%s, %s' % (rn(t), rn(self.reg(12, t))) if op == 'ldrexd' else rn(t)
            return lines + ['%s%s %s, [r12]' % (op, self.c, regs)]
        if self.r.random() < 0.3:
            return insn()
        return self.g_it(insn)

    def g_hint(self):
        """NOPs, barriers and CPSIE/CPSID (no interrupt source is enabled on
        the board): they must decode, and may end a translation block."""
        if self.in_it:           # YIELD ends a block in mosaic: mid-IT here
            return ['%s%s%s' % (self.r.choice(['nop', 'yield']), self.c, self.wide())]
        if self.r.random() < 0.2:    # CPS: CPSR.AIF in the dump; no IRQ source
            return ['cps%s %s' % (self.r.choice(['ie', 'id']), ''.join(
                x for x in 'aif' if self.r.random() < 0.5) or 'i')]
        return [self.r.choice(['nop', 'nop.w', 'dmb ish', 'dsb sy', 'isb sy',
                               'yield'])]

    def g_pagecross(self):
        """An IT block placed (after a branch over padding) so that a page
        boundary falls 2-8 bytes into it: translation must stop there and
        carry the IT state into the next block.  Costs up to 8 KiB.  The
        literal pool so far goes before the padding, within reach."""
        lines = self.g_it()
        i = next(k for k, x in enumerate(lines) if x.startswith('it'))
        lab = self.label()
        return lines[:i] + ['b.w %s' % lab, '.ltorg', '.balign 4096',
                            '.space %d' % (4096 - 2 * self.r.randrange(1, 5)),
                            lab + ':'] + lines[i:]

    def g_cbz(self):
        """CBZ/CBNZ over one 16-bit instruction."""
        op = self.r.choice(['cbz', 'cbnz'])
        lab = self.label()
        return ['%s %s, %s' % (op, rn(self.low()), lab)] + self.g_t16() + [lab + ':']

    def g_table(self):
        """TBB/TBH through an inline table of 2 or 4 entries; entry i leads
        to the i-th of as many 16-bit instructions, so the index (masked
        to the table size first) decides how many of them run."""
        x, n = self.reg(), self.r.choice([2, 4])
        base, labs = self.label(), [self.label() for _ in range(n)]
        lines = ['and %s, %s, #%d' % (rn(x), rn(x), n - 1)]
        if self.r.random() < 0.5:
            lines += ['tbb [pc, %s]' % rn(x), base + ':']
            lines += ['.byte (%s - %s) / 2' % (lab, base) for lab in labs]
        else:
            lines += ['tbh [pc, %s, lsl #1]' % rn(x), base + ':']
            lines += ['.hword (%s - %s) / 2' % (lab, base) for lab in labs]
        for lab in labs:
            lines += [lab + ':'] + self.g_t16()
        return lines

    def g_interwork(self):
        """BX/BLX through a register: either Thumb to Thumb (ADR.W, ORR #1)
        or over to an A32 instruction and back with ADD rX, pc, #1; BX."""
        x, lab = self.reg(), self.label()
        op = self.r.choice(['bx', 'blx'])
        if self.r.random() < 0.5:
            return ['adr.w %s, %s' % (rn(x), lab), 'orr %s, %s, #1' % (rn(x), rn(x)),
                    '%s %s' % (op, rn(x)), lab + ':']
        arm = gen.Gen.g_dp(self)
        enter = ['adr.w %s, %s' % (rn(x), lab), '%s %s' % (op, rn(x))]
        if self.r.random() < 0.3:
            enter = ['blx %s' % lab]
        return enter + ['.balign 4',
                '.arm', lab + ':'] + arm + ['add %s, pc, #1' % rn(x),
                                             'bx %s' % rn(x), '.thumb']

    def g_stack(self):
        """PUSH (or SUB SP) now, a POP (or ADD SP) of as many words later
        (sequence() makes sure it comes before the end): SP is back at the
        init block at the end.  Each init block has PAD bytes below it."""
        if self.pushed:
            n, self.pushed = self.pushed, 0
            if self.r.random() < 0.25:
                return ['add%s sp, #%d' % (self.wide(), 4 * n)]
            regs = self.r.sample(REGS, n)
            return ['pop {%s}' % ', '.join(rn(x) for x in sorted(regs))]
        regs = self.r.sample(REGS, self.r.randrange(1, 15))
        self.pushed = len(regs)
        if self.r.random() < 0.25:
            return ['sub%s sp, #%d' % (self.wide(), 4 * len(regs))]
        return ['push {%s}' % ', '.join(rn(x) for x in sorted(regs))]

    def g_it(self, first=None):
        """IT with 1-4 instructions; only the first may need setup lines
        (they go before the IT, so later slots must not depend on them).
        The last slot may be a branch to the next instruction.  first, if
        given, makes the first slot."""
        n = self.r.randrange(1, 5)
        ci = self.r.randrange(len(CONDS))
        conds = [CONDS[ci]] + [CONDS[ci ^ self.r.randrange(2)] for _ in range(n - 1)]
        mask = ''.join('t' if x == conds[0] else 'e' for x in conds[1:])
        groups = [(self.g_dp, 30), (self.g_t16, 25), (self.g_mul, 10),
                  (self.g_misc, 15), (self.g_mem, 15), (self.g_apsr, 3),
                  (self.g_hint, 3), (self.g_svc, 2)]
        pre, body = [], []
        self.in_it = True
        for i, c in enumerate(conds):
            self.c = c
            if i == 0 and first:
                insn = first()
            elif i == n - 1 and self.r.random() < 0.1:
                insn = self.g_split()
            else:
                insn = self.pick(groups)
                while i > 0 and len(insn) > 1:
                    insn = self.pick(groups)
            if insn[-1].endswith(':'):
                body += insn      # branch and its label
            else:
                pre, body = pre + insn[:-1], body + insn[-1:]
        self.in_it, self.c = False, ''
        return pre + ['it%s %s' % (mask, conds[0])] + body

    def pick(self, groups):
        x = self.r.randrange(sum(w for _, w in groups))
        for fn, w in groups:
            if x < w:
                return fn()
            x -= w
        raise AssertionError('weights')

    def sequence(self):
        self.has_store = False
        self.pushed = 0
        self.hot = self.r.sample(LOW, self.r.randrange(2, 5)) + self.r.sample(
            [8, 9, 10, 11, 12, 14], self.r.randrange(0, 3))
        groups = [(self.g_dp, 30), (self.g_t16, 20), (self.g_mul, 10),
                  (self.g_misc, 18), (self.g_mem, 14), (self.g_it, 14),
                  (self.g_split, 2), (self.g_cbz, 2), (self.g_table, 2),
                  (self.g_stack, 3), (self.g_excl, 1), (self.g_apsr, 3),
                  (self.g_interwork, 1), (self.g_pcwrite, 1), (self.g_literal, 2),
                  (self.g_hint, 1), (self.g_pagecross, 1), (self.g_svc, 1),
                  (self.g_fault, 1)]
        body = []
        n = self.r.randrange(8, 21) if self.r.random() < 0.9 else self.r.randrange(21, 61)
        for _ in range(n):
            body += self.pick(groups)
        if self.pushed:
            body += self.g_stack()
        init = [self.value() for _ in range(14)]
        flags = (self.r.getrandbits(5) << 27) | (self.r.getrandbits(4) << 16)
        return body, init + [flags], self.has_store


def emit_seq_thumb(out, idx, body, init, has_store):
    """A32 entry sets SP to the init block and BLXes to the Thumb part,
    which loads r0-r12/lr and the flags, runs the body, stores r0-r12/lr
    and the APSR over the init block and BLXes back; the A32 tail copies
    them to seq_result and reports."""
    out += ['    .text', '    .arm', '    .global seq_%d' % idx, 'seq_%d:' % idx,
            '    movw sp, #:lower16:init_%d' % idx,
            '    movt sp, #:upper16:init_%d' % idx,
            '    blx seq_%d_thumb' % idx,
            '    .thumb', '    .type seq_%d_thumb, %%function' % idx,
            '    .thumb_func', 'seq_%d_thumb:' % idx,
            '    ldr r0, [sp, #56]', '    msr APSR_nzcvqg, r0',
            '    ldm sp, {r0-r12, lr}', 'seq_%d_body:' % idx]
    out += ['    ' + x for x in body]
    out += ['seq_%d_end:' % idx, '    stm sp, {r0-r12, lr}',
            '    mrs r0, APSR', '    str r0, [sp, #56]',
            '    blx seq_%d_back' % idx, '    .ltorg',
            '    .arm', '    .balign 4', 'seq_%d_back:' % idx,
            '    ldm sp, {r0-r12, lr}',
            '    movw sp, #:lower16:seq_result', '    movt sp, #:upper16:seq_result',
            '    stm sp, {r0-r12, lr}',
            '    movw r1, #:lower16:init_%d' % idx, '    movt r1, #:upper16:init_%d' % idx,
            '    ldr r0, [r1, #56]', '    str r0, [sp, #56]',
            '    movw sp, #:lower16:batch_sp', '    movt sp, #:upper16:batch_sp',
            '    ldr sp, [sp]', '    movw r0, #%d' % idx,
            '    mov r1, #%d' % int(has_store), '    bl seq_report',
            '    .data', '    .balign 4', '    .space %d' % PAD, 'init_%d:' % idx,
            '    .word ' + ', '.join('0x%08x' % v for v in init)]


# harness.c installs these as the SVC and data abort handlers when a batch
# defines them.  An abort g_fault did not cause (r12 aligned) ends the run.
HANDLERS = ['    .arm', '    .global diff_svc_handler', 'diff_svc_handler:',
            '    mrs r12, spsr', '    movs pc, lr',
            '    .global diff_dabt_handler', 'diff_dabt_handler:',
            '    tst r12, #7', '    beq 1f', '    bic r12, r12, #7',
            '    subs pc, lr, #8', '1:  mov r0, #2', '    b sh_exit']


def generate(seed, count, batch_size, outdir):
    return gen.generate(seed, count, batch_size, outdir, ThumbGen,
                        emit_seq_thumb, 'thumb', HANDLERS)


if __name__ == '__main__':
    import sys
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    for path, seqs in generate(1, n, n, '.'):
        print(path)
