/* Shared by the test daemons: a stop flag set by a signal handler, a ready line
 * that matches the runner's default ready pattern (Fluent Bit's), and a sleep loop. */
#ifndef DAEMON_COMMON_H
#define DAEMON_COMMON_H

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop_requested = 0;

static void on_stop(int sig) {
    (void)sig;
    stop_requested = 1;
}

/* SIGTERM, SIGINT and SIGQUIT stop the daemon gracefully, as in Fluent Bit. */
static void install_stop_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
}

static void sleep_ms(long ms) {
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

static void announce_ready(const char *name) {
    /* The same words Fluent Bit logs once its pipeline runs. */
    fprintf(stderr, "[ info] [sp] stream processor started (%s pid=%d)\n", name, (int)getpid());
    fflush(stderr);
}

/* Sleeps in short steps until a stop signal arrives, printing a tick now and then. */
static void run_until_stopped(const char *name) {
    long n = 0;
    while (!stop_requested) {
        sleep_ms(10);
        if (++n % 50 == 0) {
            printf("%s tick %ld\n", name, n / 50);
            fflush(stdout);
        }
    }
    fprintf(stderr, "[ info] [engine] caught stop signal, %s exiting\n", name);
    fflush(stderr);
}

#endif
