// The parallel module's messaging (par.c); its builtins are rows of mc_builtins.h.
#ifndef MC_PAR_H
#define MC_PAR_H

#include "value.h"

// Forget every queued message and pending send (at the start of a run).
void mc_par_reset(void);
// Mark the queues and pending sends (a root of the collector).
void mc_par_mark(void);

#endif // MC_PAR_H
