// Configuration of the rv32 device firmware; defaults are in firmware/mc_config.h.
#ifndef MC_PORT_CONFIG_H
#define MC_PORT_CONFIG_H

#define MC_CONFIG_LEVEL MC_CONFIG_LEVEL_DEFAULT

// Threaded dispatch: about a third fewer cycles per instruction on PicoRV32 than the switch.
#ifndef MC_OPT_COMPUTED_GOTO
#define MC_OPT_COMPUTED_GOTO 1
#endif

#endif
