#include "CLibEdit.h"

#include <dlfcn.h>
#include <pthread.h>
#include <string.h>

// The libedit functions Nexo calls, each typed from its declaration in <histedit.h> (only the
// types are taken from it: no libedit symbol is referenced at link time).
struct nexo_libedit {
    __typeof__(el_init_fd) *el_init_fd;
    __typeof__(el_end) *el_end;
    __typeof__(el_wgets) *el_wgets;
    __typeof__(el_wset) *el_wset;
    __typeof__(el_wget) *el_wget;
    __typeof__(el_source) *el_source;
    __typeof__(el_resize) *el_resize;
    __typeof__(el_wline) *el_wline;
    __typeof__(el_cursor) *el_cursor;
    __typeof__(el_winsertstr) *el_winsertstr;
    __typeof__(el_deletestr) *el_deletestr;
    __typeof__(el_wpush) *el_wpush;
    __typeof__(history_winit) *history_winit;
    __typeof__(history_wend) *history_wend;
    __typeof__(history_w) *history_w;
};

/// Copies the loader's last error (or `fallback`) into `error`.
static void copy_error(char *error, size_t size, const char *fallback) {
    if (size == 0) {
        return;
    }
    const char *reason = dlerror();
    snprintf(error, size, "%s", reason != NULL ? reason : fallback);
}

/// Resolves `name` in `handle` into `*slot`; 0, or -1 with the reason in `error`.
static int resolve(void *handle, const char *name, void **slot, char *error, size_t size) {
    dlerror();
    *slot = dlsym(handle, name);
    if (*slot == NULL) {
        copy_error(error, size, name);
        return -1;
    }
    return 0;
}

/// Opens `library` and fills `table`; the handle (to keep or close), or NULL with the reason in `error`.
static void *open_library(const char *library, struct nexo_libedit *table, char *error, size_t size) {
    void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        copy_error(error, size, library);
        return NULL;
    }
    struct nexo_libedit found;
    // Each entry: its symbol name and its slot in `found` (a function pointer stored as data).
#define NEXO_RESOLVE(name) resolve(handle, #name, (void **)&found.name, error, size)
    if (NEXO_RESOLVE(el_init_fd) || NEXO_RESOLVE(el_end) || NEXO_RESOLVE(el_wgets) || NEXO_RESOLVE(el_wset)
        || NEXO_RESOLVE(el_wget) || NEXO_RESOLVE(el_source) || NEXO_RESOLVE(el_resize) || NEXO_RESOLVE(el_wline)
        || NEXO_RESOLVE(el_cursor) || NEXO_RESOLVE(el_winsertstr) || NEXO_RESOLVE(el_deletestr)
        || NEXO_RESOLVE(el_wpush) || NEXO_RESOLVE(history_winit) || NEXO_RESOLVE(history_wend)
        || NEXO_RESOLVE(history_w)) {
        dlclose(handle);
        return NULL;
    }
#undef NEXO_RESOLVE
    *table = found;
    return handle;
}

/// The table every wrapper calls through, filled once by `load_once`.
static struct nexo_libedit libedit;
static pthread_once_t load_control = PTHREAD_ONCE_INIT;
static int load_status = -1;
static char load_error[512];

static void load_once(void) {
    // The handle stays open for the life of the process.
    if (open_library(NEXO_LIBEDIT_LIBRARY, &libedit, load_error, sizeof load_error) != NULL) {
        load_status = 0;
    }
}

int nexo_libedit_load(char *error, size_t size) {
    pthread_once(&load_control, load_once);
    if (load_status != 0 && size > 0) {
        snprintf(error, size, "%s", load_error);
    }
    return load_status;
}

int nexo_libedit_probe(const char *library, char *error, size_t size) {
    struct nexo_libedit table;
    void *handle = open_library(library, &table, error, size);
    if (handle == NULL) {
        return -1;
    }
    dlclose(handle);
    return 0;
}

EditLine *nexo_el_init_fd(const char *program, FILE *in, FILE *out, FILE *err, int fdin, int fdout, int fderr) {
    return libedit.el_init_fd(program, in, out, err, fdin, fdout, fderr);
}

void nexo_el_end(EditLine *el) { libedit.el_end(el); }

const wchar_t *nexo_el_wgets(EditLine *el, int *count) { return libedit.el_wgets(el, count); }

int nexo_el_source(EditLine *el, const char *file) { return libedit.el_source(el, file); }

void nexo_el_resize(EditLine *el) { libedit.el_resize(el); }

const LineInfoW *nexo_el_wline(EditLine *el) { return libedit.el_wline(el); }

int nexo_el_cursor(EditLine *el, int count) { return libedit.el_cursor(el, count); }

int nexo_el_winsertstr(EditLine *el, const wchar_t *text) { return libedit.el_winsertstr(el, text); }

void nexo_el_deletestr(EditLine *el, int count) { libedit.el_deletestr(el, count); }

void nexo_el_wpush(EditLine *el, const wchar_t *text) { libedit.el_wpush(el, text); }

int nexo_el_set_prompt(EditLine *el, nexo_el_prompt_func_t fn, wchar_t esc) {
    return libedit.el_wset(el, EL_PROMPT_ESC, fn, (int)esc);
}

int nexo_el_set_editor(EditLine *el, const wchar_t *mode) { return libedit.el_wset(el, EL_EDITOR, mode); }

int nexo_el_set_signal(EditLine *el, int flag) { return libedit.el_wset(el, EL_SIGNAL, flag); }

int nexo_el_set_clientdata(EditLine *el, void *data) { return libedit.el_wset(el, EL_CLIENTDATA, data); }

void *nexo_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (libedit.el_wget(el, EL_CLIENTDATA, &data) != 0) {
        return NULL;
    }
    return data;
}

int nexo_el_set_addfn(EditLine *el, const wchar_t *name, const wchar_t *help, nexo_el_func_t fn) {
    return libedit.el_wset(el, EL_ADDFN, name, help, fn);
}

int nexo_el_bind_key(EditLine *el, const wchar_t *key, const wchar_t *function) {
    return libedit.el_wset(el, EL_BIND, key, function, (const wchar_t *)NULL);
}

int nexo_el_set_history(EditLine *el, HistoryW *history) {
    return libedit.el_wset(el, EL_HIST, libedit.history_w, history);
}

int nexo_el_set_getcfn(EditLine *el, nexo_el_getc_func_t fn) { return libedit.el_wset(el, EL_GETCFN, fn); }

int nexo_el_refresh(EditLine *el) { return libedit.el_wset(el, EL_REFRESH); }

int nexo_el_prep_term(EditLine *el, int raw) { return libedit.el_wset(el, EL_PREP_TERM, raw); }

HistoryW *nexo_history_winit(void) { return libedit.history_winit(); }

void nexo_history_wend(HistoryW *h) { libedit.history_wend(h); }

int nexo_history_setsize(HistoryW *h, int size) {
    HistEventW ev;
    return libedit.history_w(h, &ev, H_SETSIZE, size);
}

int nexo_history_enter(HistoryW *h, const wchar_t *line) {
    HistEventW ev;
    return libedit.history_w(h, &ev, H_ENTER, line);
}
