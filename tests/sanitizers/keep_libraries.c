/* Preloaded in sanitizer runs only: dlclose() does nothing, so libraries stay mapped.
 * Mesa and GLFW unload libraries whose data still points at heap blocks; once unmapped,
 * LeakSanitizer sees those blocks as leaked and cannot name where they came from. Keeping the
 * libraries mapped keeps their pointers visible, so real leaks still show and these do not. */
#include <dlfcn.h>

int dlclose(void* handle) {
    (void)handle;
    return 0;
}
