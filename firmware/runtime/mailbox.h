// Messages from this core to the host monitor through the HOST_OUT mailbox slot.
#ifndef MC_MAILBOX_H
#define MC_MAILBOX_H

#include <stddef.h>
#include <stdint.h>

// Send one message with service tag `tag` (MC_SVC_*) whose payload is `head` followed by `body`
// (either may be empty). The payload goes in chunks of at most MC_SLOT_PAYLOAD_BYTES; every chunk
// but the last has the MORE bit. Each chunk waits until the host has emptied the slot, then
// writes the payload words and the header word last; its sequence number is one more (mod 256)
// than the previous chunk's, starting at 1.
void mc_mailbox_send(uint32_t tag, const void *head, size_t head_n, const void *body,
    size_t body_n);

#endif // MC_MAILBOX_H
