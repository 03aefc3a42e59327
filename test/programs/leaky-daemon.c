/* Leaks one block of each kind, then runs until SIGTERM and exits 0.
 * definitely: 40 bytes; indirectly: 100 bytes behind a lost 16-byte struct;
 * possibly: 64 bytes reachable only through an interior pointer; still reachable: 33 bytes. */
#include <stdlib.h>
#include "daemon-common.h"

struct holder { char *payload; long pad; };

static char *reachable;        /* still reachable at exit */
static char *interior;         /* points 8 bytes into a block: possibly lost */

static void __attribute__((noinline)) leak_definitely(void) {
    char *p = malloc(40);
    memset(p, 'd', 40);
    p = NULL;
}

static void __attribute__((noinline)) leak_indirectly(void) {
    struct holder *h = malloc(sizeof *h);
    h->payload = malloc(100);
    memset(h->payload, 'i', 100);
    h = NULL;
}

static void __attribute__((noinline)) leak_possibly(void) {
    char *p = malloc(64);
    memset(p, 'p', 64);
    interior = p + 8;
}

static void __attribute__((noinline)) keep_reachable(void) {
    reachable = malloc(33);
    memset(reachable, 'r', 33);
}

int main(void) {
    install_stop_handlers();
    leak_definitely();
    leak_indirectly();
    leak_possibly();
    keep_reachable();
    announce_ready("leaky-daemon");
    run_until_stopped("leaky-daemon");
    return 0;
}
