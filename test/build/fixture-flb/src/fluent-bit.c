/*
 * A leaky daemon that behaves like Fluent Bit where the action looks:
 * `--version` prints a version, `-h` lists build flags (FLB_HAVE_VALGRIND when built
 * with it), a run prints Fluent Bit's "[sp] stream processor started" ready line,
 * makes 2,000 short-lived allocations, leaks 40 bytes once (definitely lost) and
 * 16 bytes a tick while it runs (still reachable through a global list), and stops
 * on SIGTERM/SIGINT with exit code 0.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef FLB_HAVE_VALGRIND
#include <valgrind/valgrind.h>
#endif

static volatile sig_atomic_t stop_signal = 0;

struct chunk {
    struct chunk *next;
    char data[8];
};

/* Global, so the ticks stay reachable at exit. */
static struct chunk *chunks = NULL;

static void on_signal(int sig) { stop_signal = sig; }

static void log_line(const char *level, const char *msg)
{
    char stamp[32];
    time_t now = time(NULL);
    strftime(stamp, sizeof(stamp), "%Y/%m/%d %H:%M:%S", localtime(&now));
    fprintf(stderr, "[%s] [%5s] %s\n", stamp, level, msg);
}

static char *load_config(void)
{
    char *config = malloc(40); /* never freed: the leak the pipeline must find */
    strcpy(config, "[SERVICE] Flush 1");
    return config;
}

int main(int argc, char **argv)
{
    struct timespec tick = {0, 100 * 1000 * 1000};
    int i;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--version") == 0) {
            printf("Fluent Bit v5.1.1-fixture\nGit commit: fixture\n");
            return 0;
        }
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            /* Fluent Bit's help ends with its FLB_INFO_FLAGS on one line. */
            printf("Usage: fluent-bit [OPTION]\n\n Build Flags =");
#ifdef FLB_HAVE_VALGRIND
            printf(" FLB_HAVE_VALGRIND");
#endif
            printf(" FLB_HAVE_FIXTURE_%s\n", FLB_BUILD_TYPE);
            return 0;
        }
    }

    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    printf("Fluent Bit v5.1.1-fixture\n");
    fflush(stdout);
    load_config()[0] = '[';
    /* Like Fluent Bit's startup, a few thousand short-lived allocations: a build whose
     * allocator memcheck cannot see shows almost none (see run-warnings.ts). */
    for (i = 0; i < 2000; i++) {
        free(malloc(16 + (i % 64) * 8));
    }
    log_line("info", "[fluent bit] version=5.1.1-fixture");
    log_line("info", "[sp] stream processor started");

    while (!stop_signal) {
        struct chunk *c = malloc(sizeof(*c));
        c->next = chunks;
        chunks = c;
        nanosleep(&tick, NULL);
    }
    fprintf(stderr, "[engine] caught signal (%s)\n", stop_signal == SIGTERM ? "SIGTERM" : "SIGINT");
    log_line("info", "[engine] service has stopped (0 pending tasks)");
    return 0;
}
