// SPDX-License-Identifier: MIT
// CP15 through MRC/MCR: identification registers as software probes them
// (MIDR, CTR, MPIDR, ID_PFR0/1, ID_DFR0, ID_MMFR0, ID_ISAR0-5, CLIDR,
// CCSIDR via CSSELR), the thread ID registers and other read/write
// registers (TPIDRURW/URO/PRW, CONTEXTIDR, DACR, TTBR0/1, TTBCR, VBAR),
// and SCTLR as the boot state leaves it.
#include "test.inc"

    .macro RD tag, opc1, crn, crm, opc2
    mrc     p15, \opc1, r0, \crn, \crm, \opc2
    REPORT  \tag, R0
    .endm
    .macro RW tag, opc1, crn, crm, opc2, val
    mrc     p15, \opc1, r4, \crn, \crm, \opc2   // keep the old value
    LI      r1, \val
    mcr     p15, \opc1, r1, \crn, \crm, \opc2
    isb
    mrc     p15, \opc1, r0, \crn, \crm, \opc2
    mcr     p15, \opc1, r4, \crn, \crm, \opc2
    isb
    REPORT  \tag, R0
    .endm

    .text
svc_to_svc:                         // return from an SVC in SVC mode
    mrs     r12, spsr
    bic     r12, r12, #0x1f
    orr     r12, r12, #0x13
    msr     spsr_fsxc, r12
    movs    pc, lr

    .global test_main
test_main:
    push    {r4-r11, lr}
    mov     r0, #2
    ldr     r1, =svc_to_svc
    bl      set_exc_hook
    RD      midr, 0, c0, c0, 0
    RD      ctr, 0, c0, c0, 1
    RD      mpidr, 0, c0, c0, 5
    RD      id_pfr0, 0, c0, c1, 0
    RD      id_pfr1, 0, c0, c1, 1
    RD      id_dfr0, 0, c0, c1, 2
    RD      id_mmfr0, 0, c0, c1, 4
    RD      id_isar0, 0, c0, c2, 0
    RD      id_isar1, 0, c0, c2, 1
    RD      id_isar2, 0, c0, c2, 2
    RD      id_isar3, 0, c0, c2, 3
    RD      id_isar4, 0, c0, c2, 4
    RD      id_isar5, 0, c0, c2, 5
    RD      clidr, 1, c0, c0, 1
    mov     r0, #0                  // L1 data cache
    mcr     p15, 2, r0, c0, c0, 0   // CSSELR
    isb
    RD      ccsidr_l1d, 1, c0, c0, 0
    RD      sctlr, 0, c1, c0, 0
    RW      tpidrurw, 0, c13, c0, 2, 0x12345678
    RW      tpidruro, 0, c13, c0, 3, 0x9abcdef0
    RW      tpidrprw, 0, c13, c0, 4, 0x0f0f0f0f
    RW      contextidr, 0, c13, c0, 1, 0x00000042
    RW      dacr, 0, c3, c0, 0, 0x55555555
    RW      ttbr0, 0, c2, c0, 0, 0x40004000
    RW      ttbr1, 0, c2, c0, 1, 0x40008000
    RW      ttbcr, 0, c2, c0, 2, 0x00000002
    RW      vbar, 0, c12, c0, 0, 0x40010020
    // TPIDRURO is read-only from User mode but readable there.
    LI      r1, 0xcafef00d
    mcr     p15, 0, r1, c13, c0, 3
    cps     #0x10
    mrc     p15, 0, r0, c13, c0, 3
    svc     #0                      // back to SVC (see handler below)
    REPORT  tpidruro_user, R0
    pop     {r4-r11, pc}
    .ltorg
