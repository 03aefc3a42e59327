/* Catches SIGTERM and then hangs in its shutdown, like a plugin stuck in its exit
 * callback. SIGUSR1 has no handler, so it kills the program and Valgrind still writes
 * its report. With --ignore-usr1 it ignores SIGUSR1 too: only SIGKILL ends it. */
#include <stdlib.h>
#include "daemon-common.h"

int main(int argc, char **argv) {
    install_stop_handlers();
    if (argc > 1 && strcmp(argv[1], "--ignore-usr1") == 0) signal(SIGUSR1, SIG_IGN);
    char *p = malloc(24);
    memset(p, 'h', 24);
    p = NULL;
    announce_ready("hung-daemon");
    run_until_stopped("hung-daemon");
    fprintf(stderr, "[ info] [engine] hung-daemon: waiting for a plugin that never returns\n");
    fflush(stderr);
    for (;;) sleep_ms(1000);
}
