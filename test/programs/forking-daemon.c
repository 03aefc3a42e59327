/* Forks a child without exec (like `fluent-bit --supervisor`). Both run until a stop
 * signal. The child leaks 200 bytes and exits 300 ms after its parent, so a runner
 * must wait for the whole process group, not only for the top process.
 * With --parent-fails the parent exits 3 soon after it is ready; the child runs on. */
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include "daemon-common.h"

int main(int argc, char **argv) {
    install_stop_handlers();
    pid_t child = fork();
    if (child < 0) { perror("fork"); return 1; }
    if (child == 0) {
        char *p = malloc(200);
        memset(p, 'k', 200);
        p = NULL;
        fprintf(stderr, "[ info] forking-daemon child pid=%d started\n", (int)getpid());
        run_until_stopped("forking-daemon child");
        sleep_ms(300);
        return 0;
    }
    announce_ready("forking-daemon");
    if (argc > 1 && strcmp(argv[1], "--parent-fails") == 0) {
        sleep_ms(200);
        fprintf(stderr, "[error] forking-daemon parent: giving up\n");
        return 3;
    }
    run_until_stopped("forking-daemon parent");
    return 0;
}
