/* Fails at startup like a bad configuration: a message on stderr, exit status 3. */
#include <stdio.h>

int main(void) {
    fprintf(stderr, "[error] [config] section 'no_such_plugin' tried to instance a plugin name that doesn't exist\n");
    fprintf(stderr, "[error] configuration file contains errors, aborting.\n");
    return 3;
}
