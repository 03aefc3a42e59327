/*
 * A small daemon that leaks on purpose, the built-in example of flb-valgrind-action.
 * It prints a ready line, then every 100 ms handles a "record": it keeps a list of
 * all records (still reachable at exit), loses one buffer every record (definitely
 * lost) and one struct with a child buffer every 10th (indirectly lost). SIGTERM
 * stops it cleanly, as it stops Fluent Bit.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct record {
    char *payload;
    struct record *next;
};

static volatile sig_atomic_t stopping = 0;
static struct record *kept = NULL;

static void on_term(int sig) { (void) sig; stopping = 1; }

static char *format_record(int n)
{
    char *buf = malloc(64);
    snprintf(buf, 64, "record %d", n);
    return buf;
}

static void handle_record(int n)
{
    char *scratch = format_record(n);   /* never freed: definitely lost */
    struct record *r = malloc(sizeof *r);
    r->payload = strdup(scratch);
    r->next = kept;                      /* kept in a global list: still reachable */
    kept = r;
    if (n % 10 == 0) {
        struct record *orphan = malloc(sizeof *orphan);
        orphan->payload = malloc(128);   /* reachable only through orphan: indirectly lost */
        orphan->next = NULL;
        orphan = NULL;                   /* the struct itself: definitely lost */
    }
    scratch = NULL;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);

    printf("[ info] [leaky-daemon] ready, handling records\n");
    fflush(stdout);
    struct timespec tick = { 0, 100 * 1000 * 1000 };
    for (int n = 1; !stopping; n++) {
        handle_record(n);
        nanosleep(&tick, NULL);
    }
    printf("[ info] [leaky-daemon] stopping after SIGTERM\n");
    return 0;
}
