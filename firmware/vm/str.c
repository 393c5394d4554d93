// Strings and the string builder.
#include <string.h>

#include "exc.h"
#include "gc.h"
#include "seq.h"
#include "str.h"

static bool is_continuation(uint8_t c) {
    return (c & 0xC0) == 0x80;
}

static mc_value_t too_long(void) {
    return mc_exc_raise(MC_MSG_STR_TOO_LONG);
}

mc_value_t mc_str_new(const char *s, uint32_t n) {
    if (n > MC_STR_MAX_BYTES) {
        return too_long();
    }
    mc_str_t *p = mc_gc_alloc((uint32_t)sizeof(mc_str_t) + n + 1, MC_T_STR);
    if (!p) {
        return mc_error();
    }
    p->head = MC_CONST_STR | n << MC_STR_LEN_SHIFT;
    if (s) {
        memcpy(p->data, s, n);
    }
    return mc_obj(MC_T_STR, p);
}

uint32_t mc_str_length(const mc_str_t *s) {
    uint32_t n = mc_str_bytes(s), count = 0;
    for (uint32_t i = 0; i < n; i++) {
        count += !is_continuation((uint8_t)s->data[i]);
    }
    return count;
}

mc_value_t mc_str_concat(mc_value_t a, mc_value_t b) {
    uint32_t na = mc_str_bytes(mc_str(a)), nb = mc_str_bytes(mc_str(b));
    if (nb > MC_STR_MAX_BYTES - na) {
        return too_long();
    }
    mc_value_t r = mc_str_new(NULL, na + nb);
    if (!mc_is_error(r)) {
        char *d = ((mc_str_t *)mc_ptr(r.r))->data;
        memcpy(d, mc_str(a)->data, na);
        memcpy(d + na, mc_str(b)->data, nb);
    }
    return r;
}

mc_value_t mc_str_join(const mc_value_t *items, uint32_t n) {
    uint32_t total = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (items[i].tag != MC_T_STR) {
            return mc_exc_raise(MC_MSG_JOIN_ITEM, mc_type(items[i]));
        }
        uint32_t len = mc_str_bytes(mc_str(items[i]));
        if (len > MC_STR_MAX_BYTES - total) {
            return too_long();
        }
        total += len;
    }
    mc_value_t r = mc_str_new(NULL, total);
    if (!mc_is_error(r)) {
        char *d = ((mc_str_t *)mc_ptr(r.r))->data;
        for (uint32_t i = 0; i < n; i++) {
            uint32_t len = mc_str_bytes(mc_str(items[i]));
            memcpy(d, mc_str(items[i])->data, len);
            d += len;
        }
    }
    return r;
}

mc_value_t mc_str_repeat(mc_value_t s, int32_t n) {
    uint32_t len = mc_str_bytes(mc_str(s));
    if (n <= 0 || len == 0) {
        return mc_str_new(NULL, 0);
    }
    if ((uint32_t)n > MC_STR_MAX_BYTES / len) {
        return too_long();
    }
    uint32_t total = len * (uint32_t)n;
    mc_value_t r = mc_str_new(NULL, total);
    if (!mc_is_error(r)) {
        char *d = ((mc_str_t *)mc_ptr(r.r))->data;
        memcpy(d, mc_str(s)->data, len);
        // Double the copied prefix until it covers the whole result.
        for (uint32_t done = len; done < total; done *= 2) {
            memcpy(d + done, d, done < total - done ? done : total - done);
        }
    }
    return r;
}

int mc_str_compare(const mc_str_t *a, const mc_str_t *b) {
    uint32_t na = mc_str_bytes(a), nb = mc_str_bytes(b);
    int c = memcmp(a->data, b->data, na < nb ? na : nb);
    if (c) {
        return c;
    }
    return (na > nb) - (na < nb);
}

bool mc_str_equal(const mc_str_t *a, const mc_str_t *b) {
    return a->head == b->head && memcmp(a->data, b->data, mc_str_bytes(a)) == 0;
}

bool mc_str_contains(const mc_str_t *haystack, const mc_str_t *needle) {
    uint32_t n = mc_str_bytes(haystack), k = mc_str_bytes(needle);
    for (uint32_t i = 0; k <= n && i <= n - k; i++) {
        if (memcmp(haystack->data + i, needle->data, k) == 0) {
            return true;
        }
    }
    return false;
}

mc_value_t mc_str_index(mc_value_t s, int32_t i) {
    const mc_str_t *p = mc_str(s);
    uint32_t bytes = mc_str_bytes(p), len = mc_str_length(p), k;
    if (!mc_seq_offset(i, len, &k)) {
        return mc_exc_raise(MC_MSG_STR_INDEX_RANGE);
    }
    uint32_t start = k;
    if (len != bytes) {
        // Skip k code points.
        for (start = 0; k; k--) {
            start++;
            while (is_continuation((uint8_t)p->data[start])) {
                start++;
            }
        }
    }
    uint32_t end = start + 1;
    while (end < bytes && is_continuation((uint8_t)p->data[end])) {
        end++;
    }
    return mc_str_new(p->data + start, end - start);
}

// -- Builder --------------------------------------------------------------------------------------

#define BUILDER_MIN_BYTES 24

static bool builder_put(mc_out_t *out, const char *s, uint32_t n) {
    mc_str_builder_t *b = (mc_str_builder_t *)out;
    if (n > b->cap - b->len) {
        if (n > MC_STR_MAX_BYTES - b->len) {
            too_long();
            return false;
        }
        uint32_t want = b->len + n;
        uint32_t cap = b->cap > MC_STR_MAX_BYTES / 2 ? MC_STR_MAX_BYTES : b->cap * 2;
        cap = cap < want ? want : cap < BUILDER_MIN_BYTES ? BUILDER_MIN_BYTES : cap;
        mc_value_t grown = mc_str_new(NULL, cap);
        if (mc_is_error(grown)) {
            return false;
        }
        if (b->len) {
            memcpy(((mc_str_t *)mc_ptr(grown.r))->data, mc_str(*b->root)->data, b->len);
        }
        *b->root = grown;
        b->cap = cap;
    }
    memcpy(((mc_str_t *)mc_ptr(b->root->r))->data + b->len, s, n);
    b->len += n;
    return true;
}

void mc_str_builder_init(mc_str_builder_t *b) {
    b->out.put = builder_put;
    b->root = mc_gc_pin(mc_none());
    b->len = 0;
    b->cap = 0;
}

const char *mc_str_builder_data(const mc_str_builder_t *b) {
    return b->cap ? mc_str(*b->root)->data : "";
}

mc_value_t mc_str_builder_finish(mc_str_builder_t *b) {
    mc_value_t r = *b->root;
    mc_str_builder_drop(b);
    if (!b->cap) {
        return mc_str_new(NULL, 0);
    }
    mc_str_t *s = (mc_str_t *)mc_ptr(r.r);
    s->head = MC_CONST_STR | b->len << MC_STR_LEN_SHIFT;
    s->data[b->len] = 0;
    mc_gc_shrink(s, (uint32_t)sizeof(mc_str_t) + b->len + 1);
    return r;
}

void mc_str_builder_drop(mc_str_builder_t *b) {
    mc_gc_unpin(b->root);
}
