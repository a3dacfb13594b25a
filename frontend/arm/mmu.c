/* SPDX-License-Identifier: MIT */
/*
 * The VMSAv7 MMU (ARM ARM B3): short-descriptor tables (sections,
 * supersections, large and small pages, domains, AP/XN/PXN with
 * SCTLR.AFE's simplified model, TTBCR.N's TTBR0/TTBR1 split) and, with
 * TTBCR.EAE, LPAE long-descriptor tables (3 levels, T0SZ/T1SZ, EPDn,
 * AP/AF/XN/PXN and the hierarchical table attributes).  The soft-MMU
 * calls arm_tlb_fill on a TLB miss; a fault sets DFSR/DFAR or IFSR/IFAR
 * (in the format TTBCR.EAE selects) and raises the abort.
 */
#include "frontend/arm/cpu.h"
#include "frontend/arm/internals.h"
#include "hw/core/log.h"
#include "tcg/softmmu.h"

#define TTBCR_N 7u
#define TTBCR_PD0 (1u << 4)
#define TTBCR_PD1 (1u << 5)
#define SCTLR_AFE (1u << 29)

/* Short-descriptor fault status codes (FS[4:0]) */
enum {
    FS_TRANS_SECTION = 0x05, FS_TRANS_PAGE = 0x07,
    FS_ACCESS_SECTION = 0x03, FS_ACCESS_PAGE = 0x06,
    FS_DOMAIN_SECTION = 0x09, FS_DOMAIN_PAGE = 0x0b,
    FS_PERM_SECTION = 0x0d, FS_PERM_PAGE = 0x0f,
    FS_EXT_L1 = 0x0c, FS_EXT_L2 = 0x0e,
};

typedef struct ARMWalk {
    uint64_t pa;
    int prot;
    uint32_t fs;            /* fault status, 0 = none (long: STATUS) */
    uint32_t domain;
    bool lpae;
} ARMWalk;

/* Long-descriptor fault STATUS: kind | level */
enum {
    LFS_TRANS = 0x04, LFS_ACCESS = 0x08, LFS_PERM = 0x0c, LFS_EXT_WALK = 0x14,
};

/* FSR (short-descriptor format) from a fault status and domain */
static uint32_t arm_fsr(uint32_t fs, uint32_t domain)
{
    return ((fs & 0x10) << 6) | (fs & 0xf) | (domain << 4);
}

static bool arm_read_desc64(ARMCPU *cpu, uint64_t addr, uint64_t *desc)
{
    if (as_read(cpu->common.as, addr, desc, 8) != MEMTX_OK) {
        log_mask(LOG_GUEST_ERROR, "arm: page table read at 0x%llx failed\n",
                 (unsigned long long)addr);
        return false;
    }
    return true;
}

static bool arm_read_desc(ARMCPU *cpu, uint32_t addr, uint32_t *desc)
{
    uint64_t v;
    if (as_read(cpu->common.as, addr, &v, 4) != MEMTX_OK) {
        log_mask(LOG_GUEST_ERROR, "arm: page table read at 0x%08x failed\n",
                 addr);
        return false;
    }
    *desc = (uint32_t)v;
    return true;
}

/* AP[2:0] to PAGE_READ/PAGE_WRITE for this privilege (ARM ARM B3.7.1) */
static int arm_ap_prot(const ARMCPU *cpu, uint32_t ap, bool user)
{
    if (cpu->cp15.sctlr & SCTLR_AFE) {
        /* Simplified model: AP[2:1] */
        switch ((ap >> 1) & 3) {
        case 0: return user ? 0 : PAGE_READ | PAGE_WRITE;
        case 1: return PAGE_READ | PAGE_WRITE;
        case 2: return user ? 0 : PAGE_READ;
        default: return PAGE_READ;
        }
    }
    switch (ap & 7) {
    case 1: return user ? 0 : PAGE_READ | PAGE_WRITE;
    case 2: return user ? PAGE_READ : PAGE_READ | PAGE_WRITE;
    case 3: return PAGE_READ | PAGE_WRITE;
    case 5: return user ? 0 : PAGE_READ;
    case 6:
    case 7: return PAGE_READ;
    default: return 0;     /* 000 no access, 100 reserved */
    }
}

/* Level 1 descriptor address for va, or false if the walk is disabled */
static bool arm_l1_addr(const ARMCPU *cpu, uint32_t va, uint32_t *addr)
{
    uint32_t ttbcr = cpu->cp15.ttbcr, n = ttbcr & TTBCR_N;
    if (n == 0 || (va >> (32 - n)) == 0) {
        if (ttbcr & TTBCR_PD0) {
            return false;
        }
        uint32_t base = cpu->cp15.ttbr0 & ~((1u << (14 - n)) - 1);
        uint32_t idx = (va << n) >> (n + 20);
        *addr = base | (idx << 2);
        return true;
    }
    if (ttbcr & TTBCR_PD1) {
        return false;
    }
    *addr = (cpu->cp15.ttbr1 & ~0x3fffu) | ((va >> 20) << 2);
    return true;
}

/*
 * Permission checks shared by sections and pages: domain, access flag,
 * AP, XN/PXN.  page selects the page-level fault codes.
 */
static void arm_check_perms(ARMCPU *cpu, ARMWalk *w, uint32_t ap, bool xn,
                            bool pxn, bool page, MMUAccessType access,
                            bool user)
{
    uint32_t dom = (cpu->cp15.dacr >> (2 * w->domain)) & 3;
    if (dom == 0 || dom == 2) {
        w->fs = page ? FS_DOMAIN_PAGE : FS_DOMAIN_SECTION;
        return;
    }
    if ((cpu->cp15.sctlr & SCTLR_AFE) && !(ap & 1)) {
        w->fs = page ? FS_ACCESS_PAGE : FS_ACCESS_SECTION;
        return;
    }
    if (dom == 3) {
        w->prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;   /* manager */
        return;
    }
    w->prot = arm_ap_prot(cpu, ap, user);
    if ((w->prot & PAGE_READ) && !xn && !(pxn && !user)) {
        w->prot |= PAGE_EXEC;
    }
    int need = access == MMU_DATA_STORE ? PAGE_WRITE
               : access == MMU_INST_FETCH ? PAGE_EXEC : PAGE_READ;
    if (!(w->prot & need)) {
        w->fs = page ? FS_PERM_PAGE : FS_PERM_SECTION;
    }
}

static void arm_walk_l2(ARMCPU *cpu, ARMWalk *w, uint32_t va, uint32_t l1,
                        MMUAccessType access, bool user)
{
    uint32_t addr = (l1 & 0xfffffc00u) | (((va >> 12) & 0xff) << 2), d;
    if (!arm_read_desc(cpu, addr, &d)) {
        w->fs = FS_EXT_L2;
        return;
    }
    uint32_t ap = ((d >> 4) & 3) | ((d >> 7) & 4);
    bool xn, pxn = l1 & 4;
    switch (d & 3) {
    case 0:
        w->fs = FS_TRANS_PAGE;
        return;
    case 1: /* large page, 64 KiB */
        w->pa = (d & 0xffff0000u) | (va & 0xffff);
        xn = d & (1u << 15);
        break;
    default: /* small page, 4 KiB */
        w->pa = (d & 0xfffff000u) | (va & 0xfff);
        xn = d & 1;
        break;
    }
    arm_check_perms(cpu, w, ap, xn, pxn, true, access, user);
}

/* ---- Long descriptors (LPAE) ---- */

/* Does va use TTBR1 (LPAE region selection)?  false in *ok: a gap */
static bool arm_lpae_use_ttbr1(uint32_t va, uint32_t t0sz, uint32_t t1sz,
                               bool *ok)
{
    *ok = true;
    if (t1sz == 0) {
        return t0sz && (va >> (32 - t0sz)) != 0;
    }
    if (va >= 0u - (1u << (32 - t1sz))) {
        return true;
    }
    *ok = t0sz == 0 || (va >> (32 - t0sz)) == 0;
    return false;
}

/* Pick TTBRn for va: table base, input size in bits and start level */
static bool arm_lpae_region(const ARMCPU *cpu, uint32_t va, uint64_t *base,
                            int *level, int *bits)
{
    uint32_t ttbcr = cpu->cp15.ttbcr;
    uint32_t t0sz = ttbcr & 7, t1sz = (ttbcr >> 16) & 7, tsz;
    uint64_t ttbr;
    bool ok, one = arm_lpae_use_ttbr1(va, t0sz, t1sz, &ok);
    if (!ok || (ttbcr & (one ? 1u << 23 : 1u << 7))) {     /* EPDn */
        return false;
    }
    if (one) {
        tsz = t1sz;
        ttbr = ((uint64_t)cpu->cp15.ttbr1_hi << 32) | cpu->cp15.ttbr1;
    } else {
        tsz = t0sz;
        ttbr = ((uint64_t)cpu->cp15.ttbr0_hi << 32) | cpu->cp15.ttbr0;
    }
    *bits = 32 - (int)tsz;
    *level = tsz <= 1 ? 1 : 2;
    int x = *level == 1 ? 5 - (int)tsz : 14 - (int)tsz;
    *base = ttbr & 0xffffffffffull & ~((1ull << x) - 1);
    return true;
}

static void arm_walk_lpae(ARMCPU *cpu, ARMWalk *w, uint32_t va,
                          MMUAccessType access, bool user)
{
    uint64_t base, d = 0;
    int level, bits, start;
    bool ap_ro = false, ap_nouser = false, xn = false, pxn = false;
    w->lpae = true;
    if (!arm_lpae_region(cpu, va, &base, &level, &bits)) {
        w->fs = LFS_TRANS | 1;
        return;
    }
    for (start = level;; level++) {
        int shift = 39 - 9 * level;         /* 30, 21, 12 */
        int top = level == start ? bits : 39 - 9 * (level - 1);
        uint32_t idx = (uint32_t)((va & (uint32_t)((1ull << top) - 1)) >>
                                  shift);
        if (!arm_read_desc64(cpu, base + idx * 8u, &d)) {
            w->fs = LFS_EXT_WALK | (uint32_t)level;
            return;
        }
        if (!(d & 1) || (level == 3 && !(d & 2))) {
            w->fs = LFS_TRANS | (uint32_t)level;
            return;
        }
        if (level == 3 || !(d & 2)) {
            /* block or page */
            uint64_t mask = (1ull << shift) - 1;
            w->pa = (d & 0xffffffffffull & ~mask) | (va & mask);
            break;
        }
        /* table: hierarchical attributes */
        ap_ro |= (d >> 62) & 1;
        ap_nouser |= (d >> 61) & 1;
        xn |= (d >> 60) & 1;
        pxn |= (d >> 59) & 1;
        base = d & 0xfffffff000ull;
    }
    if (!(d & (1u << 10))) {                /* AF */
        w->fs = LFS_ACCESS | (uint32_t)level;
        return;
    }
    uint32_t ap = (d >> 6) & 3;             /* AP[2:1] */
    bool ro = (ap & 2) || ap_ro, pl0 = (ap & 1) && !ap_nouser;
    xn |= (d >> 54) & 1;
    pxn |= (d >> 53) & 1;
    w->prot = 0;
    if (!user || pl0) {
        w->prot = PAGE_READ | (ro ? 0 : PAGE_WRITE);
        if (!xn && !(pxn && !user)) {
            w->prot |= PAGE_EXEC;
        }
    }
    int need = access == MMU_DATA_STORE ? PAGE_WRITE
               : access == MMU_INST_FETCH ? PAGE_EXEC : PAGE_READ;
    if (!(w->prot & need)) {
        w->fs = LFS_PERM | (uint32_t)level;
    }
}

/* Translate va; w->fs != 0 on a fault */
static void arm_walk(ARMCPU *cpu, ARMWalk *w, uint32_t va,
                     MMUAccessType access, bool user)
{
    uint32_t addr, d;
    w->fs = 0;
    w->prot = 0;
    w->domain = 0;
    w->lpae = false;
    if (cpu->cp15.ttbcr & TTBCR_EAE) {
        arm_walk_lpae(cpu, w, va, access, user);
        return;
    }
    if (!arm_l1_addr(cpu, va, &addr)) {
        w->fs = FS_TRANS_SECTION;
        return;
    }
    if (!arm_read_desc(cpu, addr, &d)) {
        w->fs = FS_EXT_L1;
        return;
    }
    w->domain = (d >> 5) & 0xf;
    switch (d & 3) {
    case 1:
        arm_walk_l2(cpu, w, va, d, access, user);
        return;
    case 2:
        break;
    default:
        w->fs = FS_TRANS_SECTION;
        return;
    }
    if (d & (1u << 18)) {   /* supersection, 16 MiB, domain 0 */
        w->domain = 0;
        w->pa = (d & 0xff000000u) | (va & 0xffffff);
    } else {
        w->pa = (d & 0xfff00000u) | (va & 0xfffff);
    }
    uint32_t ap = ((d >> 10) & 3) | ((d >> 13) & 4);
    arm_check_perms(cpu, w, ap, d & (1u << 4), d & 1, false, access, user);
}

static void arm_mmu_fault(ARMCPU *cpu, const ARMWalk *w, uint32_t va,
                          MMUAccessType access, uintptr_t retaddr)
{
    uint32_t fsr = w->lpae ? ARM_FSR_LPAE | w->fs : arm_fsr(w->fs, w->domain);
    log_mask(LOG_INT, "arm: MMU fault at 0x%08x fs=0x%x\n", va, w->fs);
    if (access == MMU_INST_FETCH) {
        cpu->cp15.ifsr = fsr;
        cpu->cp15.ifar = va;
        arm_set_excp(cpu, ARM_EXCP_PREFETCH_ABORT);
        cpu_loop_exit(&cpu->common);
    }
    cpu->cp15.dfsr = fsr | (access == MMU_DATA_STORE ? ARM_FSR_WNR : 0);
    cpu->cp15.dfar = va;
    arm_set_excp(cpu, ARM_EXCP_DATA_ABORT);
    cpu_loop_exit_restore(&cpu->common, retaddr);
}

bool arm_tlb_fill(CPUCommon *c, uint64_t vaddr, int size,
                  MMUAccessType access, int mmu_idx, bool probe,
                  uintptr_t retaddr)
{
    ARMCPU *cpu = arm_cpu(c);
    uint32_t va = (uint32_t)vaddr;
    (void)size;
    if (!(cpu->cp15.sctlr & SCTLR_M)) {
        uint64_t page = va & (uint32_t)GUEST_PAGE_MASK;
        tlb_set_page(c, page, page, PAGE_READ | PAGE_WRITE | PAGE_EXEC,
                     mmu_idx);
        return true;
    }
    ARMWalk w;
    arm_walk(cpu, &w, va, access, mmu_idx == ARM_MMU_IDX_USER);
    if (w.fs) {
        if (probe) {
            return false;
        }
        arm_mmu_fault(cpu, &w, va, access, retaddr);
    }
    tlb_set_page(c, va & (uint32_t)GUEST_PAGE_MASK, w.pa & GUEST_PAGE_MASK,
                 w.prot, mmu_idx);
    return true;
}

/*
 * ATS1C{P,U}{R,W}: the 64-bit PAR a translation gives.  NS is set as on
 * qemu-system-arm's virt (Non-secure); with TTBCR.EAE the long format
 * (bit 11) is used.
 */
uint64_t arm_ats(ARMCPU *cpu, uint32_t va, bool user, bool write)
{
    ARMWalk w;
    bool lpae = cpu->cp15.ttbcr & TTBCR_EAE;
    uint64_t par_fmt = (lpae ? 1u << 11 : 0) | (1u << 9);   /* LPAE, NS */
    if (!(cpu->cp15.sctlr & SCTLR_M)) {
        return (va & 0xfffff000u) | par_fmt;
    }
    arm_walk(cpu, &w, va, write ? MMU_DATA_STORE : MMU_DATA_LOAD, user);
    if (w.fs) {
        return lpae ? 1 | (w.fs << 1) | (1u << 11) : 1 | ((w.fs & 0x1f) << 1);
    }
    return (w.pa & ~0xfffull) | par_fmt;
}
