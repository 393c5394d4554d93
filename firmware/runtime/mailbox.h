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

// Receive one message with tag `tag` from the host through the HOST_IN slot, polling until each
// chunk arrives: each chunk's payload goes to put(ctx, bytes, n) (after a failed put, the rest
// is drained and dropped), then the chunk is acknowledged. Returns 1, 0 if a put failed, or -1
// if a chunk had another tag, another sequence number than the next, or a bad length.
int mc_mailbox_receive(uint32_t tag, int (*put)(void *ctx, const char *s, uint32_t n), void *ctx);

#endif // MC_MAILBOX_H
