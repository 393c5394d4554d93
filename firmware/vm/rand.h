// The random module's generator state (rand.c).
#ifndef MC_RAND_H
#define MC_RAND_H

#include "value.h"

// Forget the state (a new run starts unseeded).
void mc_rand_reset(void);
// Mark the state for the collector (called with the VM's roots).
void mc_rand_mark(void);

#endif // MC_RAND_H
