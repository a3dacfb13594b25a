# SPDX-License-Identifier: MIT
"""U-Boot from Debian's u-boot-qemu (qemu_arm) run as firmware from the flash
at address 0 (-bios): its banner and autoboot countdown, a key stops it at
the prompt, `version` answers, `reset` (PSCI SYSTEM_RESET) starts it again
from the flash, `poweroff` (PSCI SYSTEM_OFF) ends the emulator.  Proves CFI
flash boot, PL011 both ways, PSCI, the board reset."""
import harness


def to_prompt(con, what):
    con.expect(r'U-Boot 20\d\d\.\d\d', 30, 'U-Boot banner' + what)
    con.expect('Hit any key to stop autoboot', 30, 'autoboot countdown' + what)
    con.send(' ')
    con.expect(r'=> ', 10, 'U-Boot prompt' + what)


def run(t):
    con = t.start(['-bios', t.file('u-boot.bin')] + t.emu.no_network())
    to_prompt(con, '')
    t.mark('prompt')
    con.send('version\n')
    con.expect(r'U-Boot 2023\.01', 10, '`version` answer')
    con.send('reset\n')
    con.expect(r'resetting \.\.\.', 10, '`reset` answer')
    to_prompt(con, ' after reset')
    t.mark('prompt again')
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
