/* Becomes ready, then dereferences NULL after argv[1] milliseconds (default 300): SIGSEGV. */
#include <stdlib.h>
#include "daemon-common.h"

int main(int argc, char **argv) {
    install_stop_handlers();
    long delay = argc > 1 ? atol(argv[1]) : 300;
    announce_ready("crash-daemon");
    sleep_ms(delay);
    fprintf(stderr, "[error] crash-daemon: about to crash\n");
    fflush(stderr);
    volatile int *null = NULL;
    return *null;
}
