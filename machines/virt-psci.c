/* SPDX-License-Identifier: MIT */
/*
 * PSCI 1.0 firmware services of the virt board (ARM DEN 0022), the
 * subset QEMU offers through HVC: version, features, CPU_ON/OFF/SUSPEND,
 * AFFINITY_INFO, MIGRATE_INFO_TYPE, SYSTEM_OFF and SYSTEM_RESET.  The
 * CPU frontend decodes the HVC and calls virt_psci_call with the calling
 * CPU: arguments in r0-r3, result in r0.  SYSTEM_RESET reboots the board
 * (with -no-reboot it ends the run like SYSTEM_OFF, as on QEMU).
 */
#include "hw/core/log.h"
#include "machines/virt.h"
#include "tcg/exec.h"

enum {
    PSCI_VERSION = 0x84000000,
    PSCI_CPU_SUSPEND = 0x84000001,
    PSCI_CPU_OFF = 0x84000002,
    PSCI_CPU_ON = 0x84000003,
    PSCI_AFFINITY_INFO = 0x84000004,
    PSCI_MIGRATE = 0x84000005,
    PSCI_MIGRATE_INFO_TYPE = 0x84000006,
    PSCI_SYSTEM_OFF = 0x84000008,
    PSCI_SYSTEM_RESET = 0x84000009,
    PSCI_FEATURES = 0x8400000a,
};

enum {
    PSCI_SUCCESS = 0,
    PSCI_NOT_SUPPORTED = -1,
    PSCI_INVALID_PARAMS = -2,
    PSCI_ALREADY_ON = -4,
};

static int virt_psci_find(VirtMachine *vm, uint32_t mpidr)
{
    for (int i = 0; i < vm->smp; i++) {
        if ((vm->cpus[i]->mpidr & 0xffffffu) == (mpidr & 0xffffffu)) {
            return i;
        }
    }
    return -1;
}

/* Power CPU i on at entry (bit 0: Thumb), r0 = context, SVC mode. */
static int32_t virt_psci_cpu_on(VirtMachine *vm, uint32_t mpidr,
                                uint32_t entry, uint32_t context)
{
    int i = virt_psci_find(vm, mpidr);
    ARMCPU *cpu;

    if (i < 0) {
        return PSCI_INVALID_PARAMS;
    }
    if (!vm->m.cpu_off[i]) {
        return PSCI_ALREADY_ON;
    }
    cpu = vm->cpus[i];
    arm_cpu_reset(cpu);                 /* MPIDR from its index again */
    arm_cpu_set_pc(cpu, entry & ~1u);
    if (entry & 1) {
        cpu->cpsr_rest |= CPSR_T;
    }
    cpu->regs[0] = context;
    cpu->common.halted = false;
    vm->m.cpu_off[i] = false;
    machine_cpu_woken(&vm->m, i);
    return PSCI_SUCCESS;
}

static int32_t virt_psci_features(uint32_t fn)
{
    switch (fn) {
    case PSCI_VERSION: case PSCI_CPU_SUSPEND: case PSCI_CPU_OFF:
    case PSCI_CPU_ON: case PSCI_AFFINITY_INFO: case PSCI_MIGRATE_INFO_TYPE:
    case PSCI_SYSTEM_OFF: case PSCI_SYSTEM_RESET: case PSCI_FEATURES:
        return PSCI_SUCCESS;
    default:
        return PSCI_NOT_SUPPORTED;
    }
}

static void virt_psci_stop(VirtMachine *vm, ARMCPU *cpu, bool reset)
{
    if (reset && !vm->no_reboot) {
        machine_request_reset(&vm->m);
    } else {
        machine_request_quit(&vm->m);
    }
    cpu_exit(&cpu->common);
}

bool virt_psci_call(void *opaque, ARMCPU *cpu)
{
    VirtMachine *vm = opaque;
    uint32_t fn = cpu->regs[0];
    int32_t ret = PSCI_NOT_SUPPORTED;
    int self = cpu->common.cpu_index;

    switch (fn) {
    case PSCI_VERSION:
        ret = 0x00010000;                   /* 1.0 */
        break;
    case PSCI_FEATURES:
        ret = virt_psci_features(cpu->regs[1]);
        break;
    case PSCI_CPU_ON:
        ret = virt_psci_cpu_on(vm, cpu->regs[1], cpu->regs[2], cpu->regs[3]);
        break;
    case PSCI_CPU_OFF:
        vm->m.cpu_off[self] = true;
        cpu_exit(&cpu->common);
        ret = PSCI_SUCCESS;                 /* not seen by the guest */
        break;
    case PSCI_CPU_SUSPEND:
        ret = PSCI_SUCCESS;                 /* a standby: wake at once */
        break;
    case PSCI_AFFINITY_INFO: {
        int i = virt_psci_find(vm, cpu->regs[1]);
        ret = i < 0 ? PSCI_INVALID_PARAMS : vm->m.cpu_off[i] ? 1 : 0;
        break;
    }
    case PSCI_MIGRATE_INFO_TYPE:
        ret = 2;                            /* no trusted OS */
        break;
    case PSCI_SYSTEM_OFF:
    case PSCI_SYSTEM_RESET:
        virt_psci_stop(vm, cpu, fn == PSCI_SYSTEM_RESET);
        ret = PSCI_SUCCESS;
        break;
    default:
        log_mask(LOG_GUEST_ERROR, "psci: unknown function 0x%08x\n", fn);
        break;
    }
    cpu->regs[0] = (uint32_t)ret;
    return true;
}
