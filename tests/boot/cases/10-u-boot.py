# SPDX-License-Identifier: MIT
"""U-Boot from Debian's u-boot-qemu (qemu_arm) run as firmware from the flash
at address 0 (-bios): its banner and autoboot countdown, a key stops it at
the prompt, `version` answers, `poweroff` (PSCI SYSTEM_OFF) ends the
emulator.  Proves CFI flash boot, PL011 both ways, PSCI."""
import harness


def run(t):
    con = t.start(['-bios', t.file('u-boot.bin')] + t.emu.no_network())
    con.expect(r'U-Boot 20\d\d\.\d\d', 30, 'U-Boot banner')
    con.expect('Hit any key to stop autoboot', 30, 'autoboot countdown')
    t.mark('autoboot prompt')
    con.send(' ')
    con.expect(r'=> ', 10, 'U-Boot prompt')
    con.send('version\n')
    con.expect(r'U-Boot 2023\.01', 10, '`version` answer')
    con.send('poweroff\n')
    try:
        status = con.wait_exit(15)
    except harness.Fail:
        if b'Power off not supported' in con.buf:
            raise harness.Fail('U-Boot: "Power off not supported on this '
                               'platform" (no PSCI node in the device tree?)')
        raise
    if status != 0:
        raise harness.Fail('exit status %d after poweroff' % status)
