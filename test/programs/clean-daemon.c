/* Allocates and frees everything; runs until SIGTERM and exits 0. */
#include <stdlib.h>
#include "daemon-common.h"

int main(void) {
    install_stop_handlers();
    char *buf = malloc(128);
    memset(buf, 'c', 128);
    announce_ready("clean-daemon");
    run_until_stopped("clean-daemon");
    free(buf);
    return 0;
}
